#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian bookworm packages Chronoscope needs to build, run and
# test.  Idempotent: installs only what is missing; uses sudo only when not
# root; never asks a question.
set -euo pipefail

packages=(
  # toolchain
  gcc pkg-config meson ninja-build gettext
  # libraries (each saves writing a parser or a store of our own)
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libxml2-dev libzip-dev nettle-dev libcairo2-dev libpango1.0-dev
  # tests: headless display, the sqlite3 tool for benchmark baselines,
  # desktop/metainfo validators
  xvfb xauth sqlite3 desktop-file-utils appstream
  # desktop integration: the install-time caches (meson's gnome.post_install)
  # and the tests in tests/desktop (XML, MIME database, Flatpak manifest)
  libgtk-4-bin libxml2-utils shared-mime-info flatpak-builder python3
  # fuzzing (build-aux/fuzz.sh): clang with libFuzzer and the sanitizer
  # runtimes, llvm-symbolizer for readable reports
  clang libclang-rt-14-dev llvm-14
)

# Extra packages a script needs only for itself (build-aux/screenshots.sh).
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
