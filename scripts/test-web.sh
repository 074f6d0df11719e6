#!/usr/bin/env bash
# The browser suite (README "In the browser"): builds the site (scripts/web.sh), installs Debian's
# chromium and, from npm, the tool that drives it (puppeteer-core, pinned in
# tests/web/package-lock.json; it never downloads a browser of its own), then runs tests/web's
# tests in headless Chromium against the served site. The desktop's build/losscape must exist:
# the page's pictures are compared with its (scripts/test.sh builds it first); --bench also builds
# the desktop's build/tests/bench_swarm, to print its lanes beside the page's.
#   --bench  print the browser's figures beside the desktop's instead (tests/web/bench.mjs)
# Usage: scripts/test-web.sh [--bench]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/web.sh"
"$here/scripts/install-packages.sh" chromium
# Node.js and npm: Debian's, unless the machine has its own (nvm, NodeSource) already.
command -v node >/dev/null || "$here/scripts/install-packages.sh" nodejs
command -v npm >/dev/null || "$here/scripts/install-packages.sh" npm
cd "$here/tests/web"
if [ ! -d node_modules/puppeteer-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
if [ "${1:-}" = "--bench" ]; then
  # The lanes' figures: bench_swarm compiled to WebAssembly (not part of the site) and the desktop's.
  cmake --build "$here/build-web" --target bench_swarm
  cmake --build "$here/build" --target bench_swarm
  exec node bench.mjs "${@:2}"
fi
echo "losscape: the browser tests (headless Chromium, software WebGL2)"
node browser_tests.mjs
