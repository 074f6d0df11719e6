#!/usr/bin/env bash
# Formats our C++ sources (engine/ and tests/: .cpp, .hpp, .h, .c) with clang-format and the
# style in .clang-format. Shaders, third-party and generated code (build*/glad) are left alone.
# Usage: scripts/format.sh           rewrite the files in place
#        scripts/format.sh --check   change nothing; list the files that do not conform and
#                                    exit 1 if there are any
# CLANG_FORMAT picks the binary (default: clang-format-14, else clang-format).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: scripts/format.sh [--check]" >&2; exit 2 ;;
esac
clang_format="${CLANG_FORMAT:-$(command -v clang-format-14 || command -v clang-format || true)}"
if [ -z "$clang_format" ]; then
  echo "scripts/format.sh: clang-format not found (apt-get install clang-format-14)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files -- 'engine/*.cpp' 'engine/*.hpp' 'engine/*.h' 'engine/*.c' \
                                       'tests/*.cpp' 'tests/*.hpp' 'tests/*.h' 'tests/*.c')
if ! $check; then
  "$clang_format" -i --style=file "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! "$clang_format" --dry-run -Werror --style=file "$f" >/dev/null 2>&1; then
    echo "$f"
    bad=$((bad + 1))
  fi
done
if [ "$bad" -gt 0 ]; then
  echo "scripts/format.sh: $bad of ${#files[@]} files do not conform to .clang-format (run scripts/format.sh)" >&2
  exit 1
fi
