#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses (tests/fuzz) with clang, ASan and UBSan in
# build-fuzz, replays the saved regressions, then fuzzes each harness for
# SECONDS (default 20) from its seed corpus.  Fails on any crash, leak,
# timeout or sanitizer report, printing the input that caused it.
#
#   build-aux/fuzz.sh                  # smoke run, 20 s per harness
#   build-aux/fuzz.sh 3600             # long run, an hour per harness
#   build-aux/fuzz.sh 300 fuzz-xlsx    # one harness
#
# Seeds are copied to a scratch directory: nothing is written into the
# repository.  Crashing inputs are kept in build-fuzz/fuzz-artifacts/; add
# them to tests/fuzz/regressions/HARNESS/ once the bug is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
all=(fuzz-csv fuzz-xlsx fuzz-ods fuzz-docx fuzz-date fuzz-case)
if [ $# -gt 0 ]; then
  harnesses=("$@")
else
  harnesses=("${all[@]}")
fi

build="build-fuzz"
jobs=$(nproc)

echo "== fuzz: build ($build, clang, ASan + UBSan + libFuzzer)"
if [ ! -f "$build/build.ninja" ]; then
  # No --werror here: clang warns about things gcc (the CI compiler) does
  # not, and this build exists to find crashes.
  CC=clang meson setup "$build" -Dbuildtype=debugoptimized -Dui=false -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
fi
# Only the harnesses (and the core library), so that work in progress
# elsewhere cannot stop a fuzzing run.
meson compile -C "$build" -j "$jobs" "${all[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for symbolizer in "$(command -v llvm-symbolizer || true)" /usr/lib/llvm-14/bin/llvm-symbolizer; do
  if [ -x "$symbolizer" ]; then
    export ASAN_SYMBOLIZER_PATH=$symbolizer
    break
  fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/chrono-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
artifacts=$PWD/$build/fuzz-artifacts
mkdir -p "$artifacts"

fuzz=tests/fuzz
malformed=tests/data/malformed
submissions=tests/data/stacey/submissions

# Copies existing files (globs that match nothing are skipped) into $1.
seed() {
  local dir=$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do
    if [ -f "$f" ]; then
      cp "$f" "$dir/"
    fi
  done
}

# The seed corpus of harness $1 in directory $2.
make_seeds() {
  local h=$1 dir=$2
  case $h in
    fuzz-csv)
      seed "$dir" tests/data/csv/* tests/data/csv-spectrum/csvs/* \
        "$submissions"/*.csv "$submissions"/*.tsv "$submissions"/*.txt \
        "$malformed"/*.csv "$malformed"/*.tsv "$malformed"/*.txt
      ;;
    fuzz-xlsx | fuzz-ods | fuzz-docx)
      seed "$dir" tests/data/office/* "$submissions"/*.xlsx "$submissions"/*.docx \
        "$malformed"/*.xlsx "$malformed"/*.ods "$malformed"/*.docx
      # The same documents as lists of parts, so that the XML is fuzzed.
      python3 "$fuzz/zip-to-parts.py" "$dir" "$dir"/*
      # Keep the seeds small: libFuzzer would cut bigger ones to max_len.
      find "$dir" -type f -size +64k -delete
      ;;
    fuzz-date)
      local i=0
      mkdir -p "$dir"
      while IFS= read -r line; do
        case $line in '#'*) continue ;; esac
        i=$((i + 1))
        printf '%s' "$line" >"$dir/date-$i"
      done <"$fuzz/date-seeds.txt"
      ;;
    fuzz-case)
      mkdir -p "$dir"
      seed "$dir" "$malformed"/*.chronoscope
      # A real case, written by the harness itself (FUZZ_CASE_SEED), then
      # packed into 512-byte pages so the fuzzer has little to wade through.
      FUZZ_CASE_SEED=$scratch/small.chronoscope "$build/tests/fuzz/fuzz-case"
      python3 - "$scratch/small.chronoscope" "$dir/small.chronoscope" <<'EOF'
import shutil, sqlite3, sys
shutil.copy(sys.argv[1], sys.argv[2])
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA journal_mode = DELETE")
db.execute("PRAGMA page_size = 512")
db.execute("VACUUM")
db.close()
EOF
      ;;
  esac
}

# Input limits per harness (bytes).
max_len() {
  case $1 in
    fuzz-csv) echo 131072 ;;
    fuzz-date) echo 512 ;;
    fuzz-case) echo 65536 ;;
    *) echo 65536 ;;
  esac
}

dict() {
  case $1 in
    fuzz-csv) echo "$fuzz/csv.dict" ;;
    fuzz-date) echo "$fuzz/date.dict" ;;
    fuzz-case) echo "$fuzz/case.dict" ;;
    *) echo "$fuzz/xml.dict" ;;
  esac
}

# Prints the inputs libFuzzer saved from log $1 and the report's first lines.
report_failure() {
  local h=$1 log=$2
  echo "!! $h failed; the report:"
  grep -E "^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*invariant failed|ALARM|.*Test unit written)" \
    "$log" | head -n 20 || true
  grep -oE "Test unit written to [^ ]+" "$log" | sed 's/^Test unit written to /!! crashing input: /' || true
  echo "!! full log: $artifacts/$h.log"
  cp "$log" "$artifacts/$h.log"
}

failed=()
summary=()
for h in "${harnesses[@]}"; do
  exe=$build/tests/fuzz/$h
  common=(-rss_limit_mb=2048 -timeout=10 -max_len="$(max_len "$h")")

  regressions=()
  if [ -d "$fuzz/regressions/$h" ]; then
    while IFS= read -r -d '' f; do
      regressions+=("$f")
    done < <(find "$fuzz/regressions/$h" -type f -print0 | sort -z)
  fi
  if [ ${#regressions[@]} -gt 0 ]; then
    echo "== $h: ${#regressions[@]} regression inputs"
    log=$scratch/$h-regressions.log
    if ! "$exe" "${common[@]}" -runs=1 "${regressions[@]}" >"$log" 2>&1; then
      report_failure "$h" "$log"
      failed+=("$h (regressions)")
      continue
    fi
  fi

  echo "== $h: fuzzing for $seconds s"
  corpus=$scratch/$h
  make_seeds "$h" "$corpus"
  mkdir -p "$artifacts/$h"
  log=$scratch/$h.log
  if ! "$exe" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 \
      -dict="$(dict "$h")" -artifact_prefix="$artifacts/$h/" "$corpus" >"$log" 2>&1; then
    report_failure "$h" "$log"
    failed+=("$h")
    continue
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*" "$log" | tail -n 1)
  summary+=("$h: ${runs:-?} runs, ${speed:-?} exec/s, $cov")
done

echo "== fuzz summary"
for line in "${summary[@]}"; do
  echo "   $line"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "!! fuzzing found problems in: ${failed[*]}"
  exit 1
fi
echo "== fuzz: no crash, leak or timeout"
