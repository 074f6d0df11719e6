#!/usr/bin/env bash
# Fuzzing (README "Sanitizers, fuzzing and the soak"): every libFuzzer target of tests/fuzz runs for
# SECONDS (default 600), all at once, starting from its seed corpus in tests/fuzz/corpus/<target>.
# The inputs each finds that reach new code are kept in build-sanitize/fuzz/corpus/<target>, so a
# later run goes on from there; an input that crashes, leaks, hangs (10 s) or takes more than
# 2 GB is written to build-sanitize/fuzz/crashes/, and the script fails, printing what went wrong
# and the input in Base64 (for a CI log: `base64 -d > input`). Replay one with
#   build-sanitize/tests/fuzz/fuzz_<target> build-sanitize/fuzz/crashes/<file>
# Usage: scripts/fuzz.sh [SECONDS]       (CI: 30; a long run: 3600 or more)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-600}"
build="$here/build-sanitize"
"$here/scripts/setup.sh" --sanitize "$build" >/dev/null

targets=(formula scene height_field loss_surface)
mkdir -p "$build/fuzz/crashes" "$build/fuzz/tmp"
export TMPDIR="$build/fuzz/tmp"  # where the targets write the files the loaders read
# HDF5's own leaks on corrupt files, and only those (the file says why).
export LSAN_OPTIONS="suppressions=$here/tests/fuzz/lsan-hdf5.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
pids=()
for target in "${targets[@]}"; do
  mkdir -p "$build/fuzz/corpus/$target"
  "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -dict="$here/tests/fuzz/$target.dict" -artifact_prefix="$build/fuzz/crashes/$target-" -print_final_stats=1 \
      "$build/fuzz/corpus/$target" "$here/tests/fuzz/corpus/$target" >"$build/fuzz/$target.log" 2>&1 &
  pids+=($!)
done
failed=0
for i in "${!targets[@]}"; do
  target="${targets[$i]}"
  if wait "${pids[$i]}"; then
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz/$target.log" | grep -o '[0-9]*$' || true)"
    echo "losscape: fuzz_$target: $seconds s, ${runs:-?} inputs, no crash"
  else
    failed=1
    echo "losscape: fuzz_$target FAILED (its log: $build/fuzz/$target.log):" >&2
    grep -E 'fuzz check failed|ERROR|SUMMARY|runtime error|Test unit written|^Base64:' "$build/fuzz/$target.log" >&2 ||
      tail -20 "$build/fuzz/$target.log" >&2
  fi
done
exit "$failed"
