#!/usr/bin/env bash
# The sanitizer pass (README "Sanitizers, fuzzing and the soak"): the whole test suite, GL tests
# included, built with clang, AddressSanitizer and UndefinedBehaviorSanitizer in build-sanitize;
# then every fuzz target for FUZZ_SECONDS (default 30; 0: none).
# Usage: scripts/sanitize.sh [FUZZ_SECONDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz_seconds="${1:-30}"
"$here/scripts/setup.sh" --sanitize "$here/build-sanitize"
echo "losscape: the test suite under AddressSanitizer and UndefinedBehaviorSanitizer"
(cd "$here/build-sanitize" && ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)")
if [ "$fuzz_seconds" != 0 ]; then
  "$here/scripts/fuzz.sh" "$fuzz_seconds"
fi
