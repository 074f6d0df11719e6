#!/usr/bin/env bash
# The python/ package's tests (pytest, with Debian's /usr/bin/python3 and its torch, h5py, numpy,
# tqdm): installs what is missing, then runs python/tests in two parts. First the package as the
# source tree holds it, with only python/ on the path and no compiled module (import losscape must
# work so); then tests/engine, losscape.Scene on the compiled losscape._engine, with the build
# folder's package (BUILD_DIR/python) on the path, which also executes docs/notebooks/*.ipynb
# (nbclient, ipykernel; they plot with matplotlib), and opens Scene.show()'s window on a virtual
# X server (xvfb, xdotool, x11-apps). Tests that open files in losscape, or compare with it, use
# the program in BUILD_DIR (default: build), which scripts/setup.sh builds.
# Usage: scripts/test-python.sh [BUILD_DIR] [PYTEST_ARGS...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$(realpath -m "${1:-$here/build}")"  # absolute: the tests run in python/
[ $# -gt 0 ] && shift
"$here/scripts/install-packages.sh" python3-torch python3-h5py python3-numpy python3-tqdm python3-pytest python3-sklearn \
  python3-matplotlib python3-pil python3-nbclient python3-nbformat python3-ipykernel xvfb xdotool x11-apps
export LOSSCAPE_BUILD_DIR="$build_dir"
if ! compgen -G "$build_dir/python/losscape/_engine*.so" >/dev/null; then
  echo "test-python.sh: no losscape._engine in $build_dir/python/losscape: build with -DLOSSCAPE_PYTHON=ON" \
       "(needs pybind11-dev and python3-dev, which scripts/setup.sh installs)" >&2
  exit 1
fi
cd "$here/python"
# -p no:cacheprovider: no .pytest_cache in the source tree. Exit status 5 is "no test selected"
# (a -k that matches only the other part's tests): fine for one part, not for both.
status=0
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests --ignore=tests/engine "$@" || status=$?
engine_status=0
LOSSCAPE_ENGINE_PATH="$build_dir/python" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/engine "$@" ||
  engine_status=$?
if [ "$status" -eq 5 ] && [ "$engine_status" -eq 5 ]; then exit 5; fi
for s in "$status" "$engine_status"; do
  if [ "$s" -ne 0 ] && [ "$s" -ne 5 ]; then exit "$s"; fi
done
