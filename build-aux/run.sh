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
# The settings schema, compiled in the build tree (nothing is installed).
export GSETTINGS_SCHEMA_DIR="$PWD/build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec build/src/ui/chronoscope "$@" build/data/stacey.chronoscope
