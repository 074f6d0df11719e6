#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy) over engine/, or over the files and folders given,
# with the compile commands of a clang build configured in BUILD_DIR (default: build-tidy; only
# configured, and glad generated: nothing else is compiled). clang's own flags there, so that
# clang-tidy sees the warnings the clang build would give. Exits 1 if clang-tidy reports anything.
# Usage: scripts/tidy.sh [PATH...]     e.g. scripts/tidy.sh engine/core
# BUILD_DIR, JOBS (default: nproc) and RUN_CLANG_TIDY (default: run-clang-tidy-14) may be set.
# Slow: about 5.5 minutes for engine/ on 2 cores (clang-tidy 14), so not part of CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
build_dir="${BUILD_DIR:-$here/build-tidy}"
run_clang_tidy="${RUN_CLANG_TIDY:-$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)}"
if [ -z "$run_clang_tidy" ]; then
  echo "scripts/tidy.sh: run-clang-tidy not found (apt-get install clang-tidy-14)" >&2
  exit 2
fi
# The compile commands (and glad's generated header, which the sources include).
cmake -S "$here" -B "$build_dir" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_BUILD_TYPE=Release -DLOSSCAPE_WERROR=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
cmake --build "$build_dir" --target losscape_glad >/dev/null
paths=("$@")
[ ${#paths[@]} -eq 0 ] && paths=(engine)
# run-clang-tidy takes regular expressions matched against the absolute file names.
patterns=()
for p in "${paths[@]}"; do patterns+=("^$(realpath "$p")(/|$)"); done
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"$run_clang_tidy" -p "$build_dir" -j "${JOBS:-$(nproc 2>/dev/null || echo 2)}" -quiet "${patterns[@]}" 2>&1 |
  sed 's/\x1b\[[0-9;]*m//g' |
  grep -v -e '^clang-tidy-[0-9]* ' -e ' warnings\? generated\.$' -e '^Suppressed [0-9]* warnings' \
          -e '^Use -header-filter' -e '^Running clang-tidy' | tee "$log" || true
if grep -q 'warning:\|error:' "$log"; then
  echo "scripts/tidy.sh: clang-tidy found $(grep -c 'warning:\|error:' "$log") problems" >&2
  exit 1
fi
echo "scripts/tidy.sh: no findings"
