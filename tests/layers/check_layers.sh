#!/usr/bin/env bash
# The engine's layers (engine/CMakeLists.txt, docs/architecture.md) include only what is below
# them. Fails, naming each file and include, when:
#  - a file includes a layer its own layer may not see (e.g. engine/sim including engine/render);
#  - core, image, sim or scene include GL, a window, ImGui, EGL, a browser's or Python's headers
#    (stb_image only in image);
#  - core includes threads or file and stream I/O, HDF5 included (it is pure computation, also for
#    the browser);
#  - a file outside the Python front-end (engine/app/python/) includes pybind11 or Python.h.
# Usage: tests/layers/check_layers.sh [SOURCE_DIR]   (ctest runs it as the test "Layers")
set -euo pipefail
root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cd "$root/engine"

# What each layer may include besides itself (engine/<layer>/...).
declare -A allowed=(
  [core]=""
  [image]="core"
  [sim]="core"
  [scene]="core image sim"
  [session]="core image sim scene"
  [render]="core image sim scene"
  [platform]="core"
  [app]="core image sim scene session render platform"
)
headless='glad/|GLFW/|imgui|EGL/|GL/|GLES|emscripten|pybind11|Python\.h'
declare -A forbidden=(
  [core]="$headless|stb_|hdf5|thread>|future>|mutex>|condition_variable>|fstream>|iostream>|filesystem>"
  [image]="$headless"
  [sim]="$headless|stb_"
  [scene]="$headless|stb_"
  [session]="$headless|stb_"
  [render]="GLFW/|imgui|EGL/|emscripten|pybind11|stb_"
  [platform]="imgui|pybind11|stb_"  # the browser's canvas is a window too (emscripten/html5.h)
)

failures=0
checked=0
for layer in "${!allowed[@]}"; do
  [ -d "$layer" ] || { echo "Layers: engine/$layer is missing"; failures=$((failures + 1)); continue; }
  while IFS= read -r file; do
    checked=$((checked + 1))
    while IFS= read -r line; do
      target=$(sed -nE 's|^#include *"engine/([a-z_]+)/.*|\1|p' <<<"$line")
      if [ -n "$target" ] && [ "$target" != "$layer" ] && [[ " ${allowed[$layer]} " != *" $target "* ]]; then
        echo "engine/$file: $line (engine/$layer may include only: ${allowed[$layer]:-itself})"
        failures=$((failures + 1))
      fi
      if [ -n "${forbidden[$layer]:-}" ] && grep -qE "^#include *[<\"](${forbidden[$layer]})" <<<"$line"; then
        echo "engine/$file: $line (not in engine/$layer)"
        failures=$((failures + 1))
      fi
    done < <(grep -hE '^#include' "$file" || true)
  done < <(find "$layer" -name '*.cpp' -o -name '*.hpp' | sort)
done
# Python's headers: in the Python front-end only (its module, engine/app/python/).
while IFS= read -r hit; do
  echo "engine/${hit#./} (Python's headers only in engine/app/python/)"
  failures=$((failures + 1))
done < <(grep -rnE '^#include *[<"](pybind11/|Python\.h)' --include='*.cpp' --include='*.hpp' . | grep -v '^\./app/python/' || true)
if [ "$checked" -eq 0 ]; then
  echo "Layers: no source files found under $root/engine"
  exit 1
fi
if [ "$failures" -gt 0 ]; then
  echo "Layers: $failures include(s) against the layering in $checked files"
  exit 1
fi
echo "Layers: $checked files, every include within its layer's reach"
