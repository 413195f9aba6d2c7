#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a scratch DESTDIR and checks that everything a
# desktop needs is there: binaries, desktop file, metainfo, settings schema,
# MIME type, icons, translations and the sample case; then that the desktop
# file names the installed icon and MIME type, and that the installed schema
# compiles.
# Usage: check-install.sh BUILD_DIR SOURCE_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID BASE_APP_ID UI(true|false)
set -euo pipefail

build=$1 source=$2 prefix=$3 bindir=$4 datadir=$5 localedir=$6
app_id=$7 base_app_id=$8 ui=$9

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$dest.log" 2>&1 ||
  { cat "$dest.log" >&2; rm -f "$dest.log"; exit 1; }
rm -f "$dest.log"

# Relative options are under the prefix; absolute ones stand alone.
under_prefix() {
  case $1 in
    /*) echo "$dest$1" ;;
    *) echo "$dest$prefix/$1" ;;
  esac
}
bin=$(under_prefix "$bindir")
share=$(under_prefix "$datadir")
locale=$(under_prefix "$localedir")

expected=(
  "$bin/chronoscope-cli"
  "$share/applications/$app_id.desktop"
  "$share/metainfo/$app_id.metainfo.xml"
  "$share/glib-2.0/schemas/$base_app_id.gschema.xml"
  "$share/mime/packages/$app_id.xml"
  "$share/icons/hicolor/scalable/apps/$app_id.svg"
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  "$share/chronoscope/sample/stacey.chronoscope"
)
if [ "$ui" = true ]; then
  expected+=("$bin/chronoscope")
fi
for lang in $(grep -v '^[[:space:]]*#' "$source/po/LINGUAS"); do
  expected+=("$locale/$lang/LC_MESSAGES/chronoscope.mo")
done

status=0
for f in "${expected[@]}"; do
  if [ ! -s "$f" ]; then
    echo "not installed: ${f#"$dest"}" >&2
    status=1
  fi
done
for f in "$bin/chronoscope-cli" "$bin/chronoscope"; do
  if [ -e "$f" ] && [ ! -x "$f" ]; then
    echo "not executable: ${f#"$dest"}" >&2
    status=1
  fi
done
[ $status -eq 0 ] || exit 1

desktop="$share/applications/$app_id.desktop"
icon=$(sed -n 's/^Icon=//p' "$desktop")
if [ "$icon" != "$app_id" ]; then
  echo "$app_id.desktop: Icon=$icon, but the icon is installed as $app_id" >&2
  status=1
fi
mime_type=$(sed -n 's/.*<mime-type type="\([^"]*\)".*/\1/p' "$share/mime/packages/$app_id.xml")
if ! grep -q "^MimeType=.*$mime_type;" "$desktop"; then
  echo "$app_id.desktop does not open $mime_type" >&2
  status=1
fi
if ! grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
       "$share/metainfo/$app_id.metainfo.xml"; then
  echo "$app_id.metainfo.xml does not launch $app_id.desktop" >&2
  status=1
fi
if ! glib-compile-schemas --strict --dry-run "$share/glib-2.0/schemas"; then
  echo "the installed schema does not compile" >&2
  status=1
fi

if [ $status -eq 0 ]; then
  echo "check-install: ${#expected[@]} files installed under $prefix:"
  (cd "$dest" && find . -type f | sed 's|^\./|/|' | sort)
fi
exit $status
