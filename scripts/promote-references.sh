#!/usr/bin/env bash
# Make new pictures the rendering tests' references (tests/reference/README.md), once you have
# looked at them and found them right.
#   scripts/promote-references.sh            every NAME.actual.png a failed test left
#   scripts/promote-references.sh NAME ...   only those (e.g. contours top-down)
#   scripts/promote-references.sh --all      render every case again and keep all (after a
#                                            deliberate change to the look; needs ./build)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$here/tests/reference"
if [[ "${1:-}" == "--all" ]]; then
  build="${BUILD_DIR:-$here/build}"
  cmake --build "$build" --target test_app losscape -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
  LOSSCAPE_UPDATE_REFERENCES=1 "$build/tests/test_app" --gtest_filter='Scenes/ReferenceImage.*' --gtest_brief=1
  rm -f "$dir"/*.diff.png
  echo "rendered every reference again: look at them (git diff --stat tests/reference) before committing"
  exit 0
fi
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  for actual in "$dir"/*.actual.png; do
    [[ -e "$actual" ]] && names+=("$(basename "$actual" .actual.png)")
  done
fi
if [[ ${#names[@]} -eq 0 ]]; then
  echo "nothing to promote: no tests/reference/*.actual.png (every picture matched)"
  exit 0
fi
for name in "${names[@]}"; do
  if [[ ! -e "$dir/$name.actual.png" ]]; then
    echo "no $dir/$name.actual.png: run the tests first (ctest -R ReferenceImage)" >&2
    exit 1
  fi
  mv "$dir/$name.actual.png" "$dir/$name.png"
  rm -f "$dir/$name.diff.png"
  echo "promoted $name"
done
