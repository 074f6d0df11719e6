#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build Release, run every test (ctest).
# GL tests render for real on a headless EGL context (Mesa llvmpipe when there is no GPU).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LOSSCAPE_WERROR=ON  # CI's build: a compiler warning in our code fails it (scripts/setup.sh)
"$here/scripts/setup.sh" "$here/build"
cd "$here/build"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
