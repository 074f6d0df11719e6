#!/usr/bin/env bash
# The installed program (cmake/install.cmake): `cmake --install` into a temporary prefix outside
# the build folder, then the binary run headless from another folder. It must find its shaders,
# fonts and data in PREFIX/share/losscape, never in the source tree (which it could still reach
# here); and LOSSCAPE_DATA must point it elsewhere.
# Usage: check_install.sh CMAKE BUILD_DIR
set -euo pipefail
cmake="$1"
build="$2"
work="$(mktemp -d "${TMPDIR:-/tmp}/losscape-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
fail() {
  echo "check_install: $*" >&2
  exit 1
}

"$cmake" --install "$build" --prefix "$prefix" >/dev/null
for file in bin/losscape share/losscape/shaders/terrain.frag share/losscape/assets/line_fit.csv \
  share/losscape/assets/fonts/DejaVuSans.ttf share/losscape/scenes/01-bowl.json \
  share/losscape/scenes/decks/intro.json share/doc/losscape/README.md; do
  [ -f "$prefix/$file" ] || fail "not installed: $file"
done
[ "$(ls "$prefix/bin")" = losscape ] || fail "more than the program in bin/: $(ls "$prefix/bin" | tr '\n' ' ')"

mkdir "$work/elsewhere"
cd "$work/elsewhere"
unset LOSSCAPE_DATA LOSSCAPE_SHADER_DIR LOSSCAPE_ASSET_DIR
# render PNG [ARGUMENTS...]: a small headless picture, which must be more than a header.
render() {
  local png="$1"
  shift
  "$prefix/bin/losscape" --headless --size 320x180 --screenshot "$png" "$@" || fail "losscape $* failed"
  [ -f "$png" ] || fail "no $png written"
  [ "$(stat -c %s "$png")" -gt 1024 ] || fail "$png is only $(stat -c %s "$png") bytes"
}
render default.png
render line-fit.png --function mse  # the shipped line_fit.csv, an asset
# A gallery scene drawn from a loss-surface file beside it (scenes/data/), found from elsewhere.
render digits.png "$prefix/share/losscape/scenes/23-small-batch-flat-minimum.json"

# Without its share folder the installed binary must fail, naming where it looked: it has no
# other copy of the shaders to fall back on.
mv "$prefix/share/losscape" "$work/moved"
if "$prefix/bin/losscape" --headless --size 320x180 --screenshot missing.png 2>stderr.txt; then
  fail "ran without its share folder: it read its shaders from somewhere else"
fi
grep -q "$prefix/share/losscape/shaders" stderr.txt || fail "the error does not name the share folder: $(cat stderr.txt)"

LOSSCAPE_DATA="$work/moved" render moved.png --function mse
echo "check_install: installed to $prefix; ran from $PWD"
