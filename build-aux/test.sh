#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds with warnings as errors and runs the whole
# suite: unit and UI tests (under Xvfb), then the core tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer, then a short fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh

jobs=$(nproc)

echo "== build (warnings are errors)"
if [ ! -f build-test/build.ninja ]; then
  meson setup build-test --werror -Dbuildtype=debugoptimized
fi
meson compile -C build-test -j "$jobs"

echo "== unit and UI tests"
xvfb-run -a -s "-screen 0 1920x1080x24" \
  meson test -C build-test --print-errorlogs --num-processes "$jobs"

echo "== core tests under ASan + UBSan"
if [ ! -f build-asan/build.ninja ]; then
  meson setup build-asan --werror -Dbuildtype=debug -Dui=false \
    -Db_sanitize=address,undefined -Db_lundef=false
fi
meson compile -C build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C build-asan --suite core --print-errorlogs --num-processes "$jobs"

echo "== fuzzing smoke run (libFuzzer, ASan + UBSan; 15 s per harness)"
build-aux/fuzz.sh 15

echo "== all tests passed"
