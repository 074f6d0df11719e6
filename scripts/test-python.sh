#!/usr/bin/env bash
# The python/ package's tests (pytest, with Debian's /usr/bin/python3 and its torch, h5py, numpy,
# tqdm): installs what is missing, then runs python/tests. Tests that open the files in losscape
# use the program in BUILD_DIR (default: build), which scripts/setup.sh builds.
# Usage: scripts/test-python.sh [BUILD_DIR] [PYTEST_ARGS...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$(realpath -m "${1:-$here/build}")"  # absolute: the tests run in python/
[ $# -gt 0 ] && shift
"$here/scripts/install-packages.sh" python3-torch python3-h5py python3-numpy python3-tqdm python3-pytest python3-sklearn
export LOSSCAPE_BUILD_DIR="$build_dir"
cd "$here/python"
# -p no:cacheprovider: no .pytest_cache in the source tree.
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider tests "$@"
