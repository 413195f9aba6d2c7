#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the keyboard shortcuts window lists every shortcut the app
binds.  It collects the accelerators under src/ui from

- gtk_widget_class_add_binding*() and gtk_keyval_trigger_new() calls,
- gtk_application_set_accels_for_action() tables ({ "app.x", { "<Control>q", NULL } }),
- gtk_shortcut_trigger_parse_string() calls,
- .ui files: menu "accel" attributes and GtkShortcut "trigger" properties,

and fails for each one that src/ui/gtk/help-overlay.ui does not show.
Keypad keys count as their main keys (KP_Add is plus), and "=" as "+".
Usage: check-shortcuts.py [SOURCE_ROOT]
"""
import glob
import html
import os
import re
import sys

MASKS = {
    "GDK_CONTROL_MASK": "control",
    "GDK_SHIFT_MASK": "shift",
    "GDK_ALT_MASK": "alt",
    "GDK_SUPER_MASK": "super",
    "GDK_META_MASK": "meta",
}
MODIFIERS = {
    "control": "control", "ctrl": "control", "primary": "control",
    "shift": "shift", "alt": "alt", "mod1": "alt", "super": "super", "meta": "meta",
}


# A keypad key does what its main key does, and the shortcuts window shows
# only the main one (as GTK's own windows do).
KEYPAD = {
    "kp_add": "plus", "kp_subtract": "minus", "kp_multiply": "asterisk",
    "kp_divide": "slash", "kp_decimal": "period", "kp_enter": "return",
    "kp_equal": "equal", "kp_space": "space", "kp_tab": "tab",
    "kp_left": "left", "kp_right": "right", "kp_up": "up", "kp_down": "down",
    "kp_home": "home", "kp_end": "end", "kp_page_up": "page_up",
    "kp_page_down": "page_down", "kp_prior": "page_up", "kp_next": "page_down",
    "kp_insert": "insert", "kp_delete": "delete",
    **{f"kp_{d}": str(d) for d in range(10)},
}
# "=" is bound beside "+" so that zooming in needs no Shift: the window shows
# the key once, as "+".
NAMES = {"prior": "page_up", "next": "page_down", "equal": "plus"}


def normalise(mods, key):
    key = key.strip()
    key = KEYPAD.get(key.lower(), key)
    key = NAMES.get(key.lower(), key)
    # GDK_KEY_N with Shift is the same key as n with Shift.
    if len(key) == 1:
        key = key.lower()
    return "+".join(sorted(mods) + [key.lower()])


def parse_accel(text):
    """'<Control><Shift>n' -> 'control+shift+n'; None for 'never' or ''."""
    text = html.unescape(text).strip()
    if not text or text == "never":
        return None
    mods = set()
    for mod in re.findall(r"<([A-Za-z0-9]+)>", text):
        name = MODIFIERS.get(mod.lower())
        if name is None:
            raise ValueError(f"unknown modifier <{mod}> in {text!r}")
        mods.add(name)
    key = re.sub(r"<[A-Za-z0-9]+>", "", text)
    return normalise(mods, key)


def parse_c_binding(keyval, mask):
    mods = set()
    for part in re.split(r"\s*\|\s*", mask.strip()):
        if part in ("0", ""):
            continue
        if part not in MASKS:
            raise ValueError(f"unknown modifier mask {part}")
        mods.add(MASKS[part])
    return normalise(mods, keyval[len("GDK_KEY_"):])


def bound(root):
    found = {}

    def add(accel, where):
        if accel is not None:
            found.setdefault(accel, where)

    for path in sorted(glob.glob(os.path.join(root, "src/ui/**/*.c"), recursive=True)):
        rel = os.path.relpath(path, root)
        text = open(path, encoding="utf-8").read()
        for m in re.finditer(r"gtk_widget_class_add_binding\w*\s*\(\s*\w+\s*,\s*(GDK_KEY_\w+)\s*,\s*([\w\s|]+?)\s*,",
                             text):
            add(parse_c_binding(m.group(1), m.group(2)), rel)
        for m in re.finditer(r"gtk_keyval_trigger_new\s*\(\s*(GDK_KEY_\w+)\s*,\s*([\w\s|]+?)\s*\)", text):
            add(parse_c_binding(m.group(1), m.group(2)), rel)
        for m in re.finditer(r"gtk_shortcut_trigger_parse_string\s*\(\s*\"([^\"]+)\"", text):
            for accel in m.group(1).split("|"):
                add(parse_accel(accel), rel)
        for m in re.finditer(r"\{\s*\"(?:app|win)\.[\w-]+\"\s*,\s*\{([^}]*)\}", text):
            for accel in re.findall(r"\"([^\"]+)\"", m.group(1)):
                add(parse_accel(accel), rel)
        for m in re.finditer(r"gtk_application_set_accels_for_action\s*\([^;]*?\"(?:app|win)\.[\w-]+\"\s*,"
                             r"\s*\(const char \*\[\]\)\s*\{([^}]*)\}", text):
            for accel in re.findall(r"\"([^\"]+)\"", m.group(1)):
                add(parse_accel(accel), rel)

    for path in sorted(glob.glob(os.path.join(root, "src/ui/**/*.ui"), recursive=True)):
        rel = os.path.relpath(path, root)
        if rel.endswith("help-overlay.ui"):
            continue
        text = open(path, encoding="utf-8").read()
        for m in re.finditer(r"<attribute name=\"accel\">([^<]*)</attribute>", text):
            add(parse_accel(m.group(1)), rel)
        for m in re.finditer(r"<property name=\"trigger\">([^<]*)</property>", text):
            for accel in m.group(1).split("|"):
                add(parse_accel(accel), rel)
    return found


def listed(root):
    text = open(os.path.join(root, "src/ui/gtk/help-overlay.ui"), encoding="utf-8").read()
    shown = set()
    for m in re.finditer(r"<property name=\"accelerator\">([^<]*)</property>", text):
        for accel in html.unescape(m.group(1)).split():
            # GtkShortcutsShortcut allows ranges ("<Control>1...9") and
            # alternatives separated by spaces.
            if "..." in accel:
                first, last = accel.split("...")
                mods = re.findall(r"<[A-Za-z0-9]+>", first)
                base = re.sub(r"<[A-Za-z0-9]+>", "", first)
                if len(base) == 1 and len(last) == 1:
                    for c in range(ord(base), ord(last) + 1):
                        shown.add(parse_accel("".join(mods) + chr(c)))
                continue
            shown.add(parse_accel(accel))
    return shown


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    try:
        found = bound(root)
        shown = listed(root)
    except ValueError as e:
        print(f"check-shortcuts: {e}", file=sys.stderr)
        return 1
    missing = sorted(a for a in found if a not in shown)
    for accel in missing:
        print(f"src/ui/gtk/help-overlay.ui does not list {accel} (bound in {found[accel]})",
              file=sys.stderr)
    if not missing:
        print(f"check-shortcuts: all {len(found)} shortcuts are in the shortcuts window")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
