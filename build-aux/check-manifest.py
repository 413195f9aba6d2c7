#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifests without a network:

- each is well-formed JSON with the expected app id and command;
- every module source except a local "dir" is pinned: archives and files by
  sha256, git sources by commit;
- finish-args grant no network and no file system access (files come only
  through the portals: file chooser, print);
- the app's own tests run in the build;
- the development manifest builds -Dprofile=development as the .Devel id;
- "flatpak-builder --show-manifest" accepts it, when flatpak-builder is
  installed.

Usage: check-manifest.py BASE_APP_ID MANIFEST...
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

errors = []


def fail(path, message):
    errors.append(f"{path}: {message}")


def modules_of(path, manifest):
    """Yields every module, following nested modules and module files."""
    base = os.path.dirname(path)
    for module in manifest.get("modules", []):
        if isinstance(module, str):
            sub_path = os.path.join(base, module)
            with open(sub_path, encoding="utf-8") as f:
                sub = json.load(f)
            yield sub_path, sub
            yield from modules_of(sub_path, sub)
        else:
            yield path, module
            yield from modules_of(path, module)


def check_source(path, module, source):
    name = module.get("name", "?")
    if isinstance(source, str):
        fail(path, f"module {name}: source file {source} cannot be checked; inline it")
        return
    kind = source.get("type", "")
    if kind == "dir":
        return
    if kind in ("archive", "file"):
        if "url" in source or "path" in source:
            if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                fail(path, f"module {name}: {kind} source has no sha256")
        else:
            fail(path, f"module {name}: {kind} source has neither url nor path")
    elif kind == "git":
        if not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
            fail(path, f"module {name}: git source is not pinned to a commit")
    elif kind in ("script", "inline", "shell", "patch"):
        if kind == "patch" and "url" in source and "sha256" not in source:
            fail(path, f"module {name}: patch source has no sha256")
    else:
        fail(path, f"module {name}: source type '{kind}' is not pinned by a checksum")


def check(path, base_app_id):
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail(path, f"not well-formed JSON: {e}")
        return

    devel = ".Devel" in os.path.basename(path)
    app_id = manifest.get("id", manifest.get("app-id"))
    want_id = base_app_id + (".Devel" if devel else "")
    if app_id != want_id:
        fail(path, f"id is {app_id}, expected {want_id}")
    if manifest.get("command") != "chronoscope":
        fail(path, "command is not chronoscope")
    if not manifest.get("runtime", "").startswith("org.gnome.Platform"):
        fail(path, "runtime is not the GNOME runtime")

    for arg in manifest.get("finish-args", []):
        if arg.startswith("--share=network"):
            fail(path, "finish-args grant the network")
        if arg.startswith("--filesystem"):
            fail(path, f"finish-args grant file system access ({arg}); use the portals")
        if arg.startswith("--socket=session-bus") or arg.startswith("--socket=system-bus"):
            fail(path, f"finish-args grant a whole bus ({arg})")

    modules = list(modules_of(path, manifest))
    if not modules or modules[-1][1].get("name") != "chronoscope":
        fail(path, "the last module is not chronoscope")
        return
    for mpath, module in modules:
        for source in module.get("sources", []):
            check_source(mpath, module, source)

    app = modules[-1][1]
    if not app.get("run-tests"):
        fail(path, "the chronoscope module does not run its tests")
    opts = app.get("config-opts", [])
    if devel and "-Dprofile=development" not in opts:
        fail(path, "the development manifest does not build -Dprofile=development")
    if not devel and any(o.startswith("-Dprofile=") and o != "-Dprofile=default" for o in opts):
        fail(path, "the stable manifest builds another profile")

    builder = shutil.which("flatpak-builder")
    if builder is None:
        print(f"{path}: flatpak-builder is not installed; --show-manifest skipped")
        return
    # In a scratch directory: flatpak-builder leaves its state folder behind.
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run([builder, "--show-manifest", os.path.abspath(path)],
                                cwd=scratch, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        fail(path, f"flatpak-builder --show-manifest failed: {result.stderr.strip()}")
    else:
        try:
            json.loads(result.stdout)
        except ValueError:
            fail(path, "flatpak-builder --show-manifest printed no JSON")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    for path in sys.argv[2:]:
        check(path, sys.argv[1])
    for error in errors:
        print(error, file=sys.stderr)
    if not errors:
        print(f"check-manifest: {len(sys.argv) - 2} manifests pinned and sandboxed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
