#!/usr/bin/env bash
# The browser build: installs what is missing (Debian's emscripten; the desktop's header-only
# libraries), fetches Dear ImGui's sources (Debian's source package of the same version as the
# desktop's libimgui-dev) into build-web/, and builds the static site into build-web/site/:
# index.html, page.js, losscape.js, losscape.wasm and losscape.data. Copy that folder to any
# static host; no server code and no special headers are needed.
#   --serve [PORT]  then serve the site on 127.0.0.1 (default port 8080) and print its address.
# Usage: scripts/web.sh [--serve [PORT]]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$here/build-web"
serve=false
port=8080
if [ "${1:-}" = "--serve" ]; then
  serve=true
  port="${2:-8080}"
fi

"$here/scripts/install-packages.sh" emscripten libglm-dev nlohmann-json3-dev libcli11-dev libstb-dev python3
# Debian's emscripten finds its JavaScript tools (acorn) only through Debian's own Node modules;
# a node that is not Debian's (nvm, NodeSource) does not look there.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

# Dear ImGui 1.86 as source: Debian ships it for the host only, compiled. Its source package is
# fetched with a deb-src entry given to apt for this command alone (the machine's apt
# configuration is not touched), unpacked into the build folder, never committed.
imgui_version=1.86
imgui_dir="$build_dir/imgui-$imgui_version"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  echo "losscape: fetching Dear ImGui $imgui_version's sources (Debian's source package)"
  fetch="$build_dir/imgui-fetch"
  rm -rf "$fetch" && mkdir -p "$fetch/lists/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main" \
    > "$fetch/sources.list"
  apt_options=(-o "Dir::Etc::SourceList=$fetch/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
               -o "Dir::State::Lists=$fetch/lists" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
  apt-get "${apt_options[@]}" update -qq
  (cd "$fetch" && apt-get "${apt_options[@]}" source --download-only -qq "imgui=${imgui_version}+ds-1")
  mkdir -p "$imgui_dir"
  tar -xf "$fetch/imgui_${imgui_version}+ds.orig.tar.xz" -C "$imgui_dir" --strip-components=1
  rm -rf "$fetch"
fi

emcmake cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DLOSSCAPE_IMGUI_SOURCE="$imgui_dir" >/dev/null
cmake --build "$build_dir" -j "$(nproc 2>/dev/null || echo 2)"
echo "losscape: the site is in $build_dir/site ($(du -sh "$build_dir/site" | cut -f1))"

if $serve; then
  echo "losscape: serving the site at http://127.0.0.1:$port/ (Ctrl+C stops)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$build_dir/site"
fi
