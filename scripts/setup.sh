#!/usr/bin/env bash
# Shared set-up for the scripts: install the Debian packages that are missing (via sudo when not
# root), then configure and build with CMake: Release in BUILD_DIR, or with --sanitize the
# sanitizer and fuzzing build (clang, AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer
# targets; cmake/sanitizers.cmake) in BUILD_DIR or build-sanitize.
# Usage: scripts/setup.sh [--sanitize] [BUILD_DIR]   (default: build)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sanitize=false
if [ "${1:-}" = "--sanitize" ]; then
  sanitize=true
  shift
fi
if $sanitize; then
  build_dir="${1:-$here/build-sanitize}"
  LOSSCAPE_CMAKE_ARGS="-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DLOSSCAPE_FUZZ=ON ${LOSSCAPE_CMAKE_ARGS:-}"
else
  build_dir="${1:-$here/build}"
fi

# The fixed dependency list, checked on a bare Debian 12 (see README); ffmpeg makes MP4 and GIF
# recordings (without it, recordings are PNG frames); clang, its sanitizer and libFuzzer runtimes
# (libclang-rt-dev) and llvm's symbolizer (readable reports) are for the sanitizer pass;
# clang-format checks that the code keeps .clang-format's style (scripts/test.sh); pybind11 and
# Python's headers build the Python module losscape._engine (cmake/python.cmake).
packages=(build-essential cmake pkg-config libglfw3-dev libglm-dev libimgui-dev
          python3-glad libstb-dev libgtest-dev libegl-dev libgl-dev libegl1-mesa-dev
          libgl1-mesa-dri nlohmann-json3-dev libcli11-dev libhdf5-dev ffmpeg clang libclang-rt-dev llvm clang-format
          pybind11-dev python3-dev libxbyak-dev)

"$here/scripts/install-packages.sh" "${packages[@]}"

jobs="$(nproc 2>/dev/null || echo 2)"
# LOSSCAPE_WERROR=ON|OFF overrides whether a compiler warning in our code fails the build. Unset
# (as both Quick start commands leave it), CMakeLists.txt decides from the compiler: on with the
# checked ones (Debian 12's, so on CI), off with newer ones that may warn about more. Either way
# scripts/run.sh and scripts/test.sh configure the same flags, so the second compiles nothing again.
werror=()
[ -n "${LOSSCAPE_WERROR:-}" ] && werror=(-DLOSSCAPE_WERROR="$LOSSCAPE_WERROR")
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "${werror[@]}" ${LOSSCAPE_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j "$jobs"
