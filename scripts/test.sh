#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build Release, run every test (ctest); the
# style check (scripts/format.sh --check); the python/ package's tests (pytest,
# scripts/test-python.sh); the browser build and its tests in headless Chromium
# (scripts/test-web.sh); then the sanitizer pass: the same tests under AddressSanitizer and
# UndefinedBehaviorSanitizer, and each fuzz target for 30 s (scripts/sanitize.sh).
# --quick: the Release tests and the style check only.
# GL tests render for real on a headless EGL context (Mesa llvmpipe when there is no GPU).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" "$here/build"
(cd "$here/build" && ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)")
# The code keeps .clang-format's style: the files that do not are listed, and the run fails.
"$here/scripts/format.sh" --check
if [ "${1:-}" != "--quick" ]; then
  "$here/scripts/test-python.sh" "$here/build"
  "$here/scripts/test-web.sh"
  "$here/scripts/sanitize.sh" 30
fi
