#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make-case.sh CLI OUTPUT INPUT...: builds a fresh case file from chronologies.
set -eu
cli=$1; out=$2; shift 2
rm -f "$out" "$out-wal" "$out-shm"
"$cli" import -o "$out" "$@" >/dev/null
