#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and opens Chronoscope on the bundled
# sample case (the Stacey review).
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
if [ ! -f build/build.ninja ]; then
  meson setup build
fi
meson compile -C build
exec build/src/ui/chronoscope "$@" build/data/stacey.chronoscope
