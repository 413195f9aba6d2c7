#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the built chronoscope-cli in Welsh and checks that it speaks Welsh:
# compiles po/cy.po into a scratch locale directory, points the CLI at it
# with CHRONOSCOPE_LOCALEDIR (the build is not installed yet) and looks for
# known Welsh text in --help, in the error for a missing case, in "info" on
# the sample case and in a plural form; then checks that without LANGUAGE
# the same CLI still speaks English.  Skips (77) without msgfmt.
# Usage: check-welsh.sh CHRONOSCOPE_CLI PO_FILE [SAMPLE_CASE]
set -euo pipefail

cli=$1 po=$2 sample=${3:-}

if ! command -v msgfmt >/dev/null; then
  echo "msgfmt is not installed"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/locale/cy/LC_MESSAGES"
msgfmt --check -o "$tmp/locale/cy/LC_MESSAGES/chronoscope.mo" "$po"

status=0
fail() {
  echo "FAIL: $*" >&2
  status=1
}

# LANGUAGE picks the translation; C.UTF-8 needs no generated Welsh locale.
welsh() {
  env LANGUAGE=cy LANG=C.UTF-8 LC_ALL=C.UTF-8 CHRONOSCOPE_LOCALEDIR="$tmp/locale" "$cli" "$@"
}
expect() { # expect WHAT TEXT FILE
  if ! grep -qF -- "$2" "$3"; then
    fail "$1: no “$2” in:"
    sed 's/^/    /' "$3" >&2
  fi
}

# 1. The usage text.
welsh --help >"$tmp/help.out" 2>&1 || fail "--help exited with $?"
expect "--help" "Defnydd: chronoscope-cli GORCHYMYN [OPSIWN…]" "$tmp/help.out"
expect "--help" "Gorchmynion:" "$tmp/help.out"
expect "--help" "Mewnforio cronolegau i ffeil achos" "$tmp/help.out"
if grep -qF "Commands:" "$tmp/help.out"; then
  fail "--help still says “Commands:”"
fi

# 2. An error: a case that does not exist.
missing="$tmp/dim-achos.chronoscope"
if welsh info "$missing" >"$tmp/missing.out" 2>&1; then
  fail "info on a missing file succeeded"
fi
expect "info on a missing file" "chronoscope-cli: Nid oes modd agor $missing: " "$tmp/missing.out"
if [ -e "$missing" ]; then
  fail "info on a missing file created it"
fi

# 3. An unknown command, with its quoted argument.
if welsh frobnicate >"$tmp/unknown.out" 2>&1; then
  fail "an unknown command succeeded"
fi
expect "unknown command" "gorchymyn anhysbys “frobnicate”; rhedwch chronoscope-cli --help" "$tmp/unknown.out"

# 4. A real case (a copy, so the build's file is never touched): the labels
#    of "info" and a plural from "import".
if [ -n "$sample" ] && [ -f "$sample" ]; then
  cp "$sample" "$tmp/achos.chronoscope"
  welsh info "$tmp/achos.chronoscope" >"$tmp/info.out" 2>&1 || fail "info on the sample case exited with $?"
  expect "info" "Achos: " "$tmp/info.out"
  expect "info" "Cofnodion: " "$tmp/info.out"
  expect "info" "Asiantaethau: " "$tmp/info.out"
fi
printf 'date,agency,summary\n2011-03-01,Heddlu,Galwad\n2011-03-02,Tai,Ymweliad\n2011-03-03,Iechyd,Apwyntiad\n' \
  >"$tmp/cronoleg.csv"
welsh import -o "$tmp/newydd.chronoscope" "$tmp/cronoleg.csv" >"$tmp/import.out" 2>&1 ||
  fail "import exited with $?"
expect "import" "cronoleg.csv: 3 wedi’u mewnforio, 0 wedi’u gwrthod" "$tmp/import.out"
if [ -f "$tmp/newydd.chronoscope" ]; then
  welsh info "$tmp/newydd.chronoscope" >"$tmp/new-info.out" 2>&1 || fail "info on the new case exited with $?"
  expect "info on the new case" "Cofnodion: 3" "$tmp/new-info.out"
fi

# 5. Without LANGUAGE the same binary and locale directory speak English.
env -u LANGUAGE LANG=C.UTF-8 LC_ALL=C.UTF-8 CHRONOSCOPE_LOCALEDIR="$tmp/locale" "$cli" --help \
  >"$tmp/english.out" 2>&1 || fail "--help in English exited with $?"
expect "--help in English" "Commands:" "$tmp/english.out"

if [ $status -eq 0 ]; then
  echo "check-welsh: chronoscope-cli speaks Welsh"
fi
exit $status
