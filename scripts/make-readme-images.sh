#!/usr/bin/env bash
# Regenerates the README's pictures with losscape itself (headless; no display needed).
# Usage: scripts/make-readme-images.sh   (after scripts/setup.sh or scripts/run.sh built it)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$here/build/losscape"
out="$here/docs/images"
mkdir -p "$out"
# Himmelblau: four balls, four starts, three different minima: why "the" minimum depends on where you start.
"$bin" --headless --size 1280x720 --function himmelblau --param lr=0.005 --frames 90 \
  --start -0.4,-0.2 --start 0.6,-0.9 --start -0.2,0.9 --start -1.5,-1.2 \
  --screenshot "$out/himmelblau.png"
# Rosenbrock's valley: gradient descent crawls, momentum and Adam get there (issue 2's race).
"$bin" --headless --size 1280x720 --function rosenbrock --race gd,momentum,adam \
  --param gd.lr=0.001 --param momentum.lr=0.001 --param adam.lr=0.05 --start -1.5,2 --steps 400 \
  --screenshot "$out/rosenbrock-race.png"
# The look of issue 7: contour lines on the terrain and a contour map on the floor under it.
"$bin" --headless --size 1280x720 --function himmelblau --param lr=0.005 --frames 90 --contours --floor-map \
  --start -0.4,-0.2 --start 0.6,-0.9 --start -0.2,0.9 --start -1.5,-1.2 \
  --screenshot "$out/himmelblau-contours.png"
# The same from straight above: the flat top-down contour view (T in the window), for printed notes.
"$bin" --headless --size 1280x720 --function himmelblau --param lr=0.005 --frames 90 --camera top --contours --theme light \
  --start -0.4,-0.2 --start 0.6,-0.9 --start -0.2,0.9 --start -1.5,-1.2 \
  --screenshot "$out/himmelblau-top-light.png"
# Himmelblau's basins of attraction under gradient descent (no GL needed).
"$bin" --function himmelblau --param lr=0.01 --basins "$out/himmelblau-basins.png" --grid 256
# Distill's momentum phase diagram (Goh, "Why Momentum Really Works", 2017) on an ill-conditioned bowl:
# the steps momentum needs for each learning rate and momentum, red where it diverges (no GL needed).
"$bin" --function "x^2 + 10*y^2" --optimizer momentum --start -4,2 --axes lr=0.001:0.3,momentum=0:0.99 \
  --grid 256 --stability "$out/momentum-stability.png"
# A swarm of 800 gradient-descent balls over Himmelblau's basin map: each ball and its trail take
# the colour of the minimum it reached, and the terrain is painted by basin.
"$bin" --headless --size 1280x720 --function himmelblau --swarm 800 --swarm-layout lhs --show-basins --frames 400 \
  --screenshot "$out/himmelblau-swarm.png"
# Rastrigin: 400 balls from a grid, each stuck in its own local minimum; one reaches the global one.
"$bin" --headless --size 1280x720 --function rastrigin --param lr=0.002 --swarm 400 --swarm-layout grid --steps 800 \
  --screenshot "$out/rastrigin-swarm.png"
# A short animation: a swarm rolling into Himmelblau's four minima while the camera turns.
"$bin" --function himmelblau --swarm 300 --swarm-layout lhs --record "$out/himmelblau-swarm.gif" \
  --seconds 4 --fps 12 --size 560x315 --orbit 50
# A real network's loss (issue 17): the digits MLP's training plane with its path replayed, and the
# flat minimum of small batches beside the sharp one of the full batch (python/examples/digits/).
"$bin" "$here"/scenes/22-a-real-networks-loss-surface.json --headless --size 1280x720 --steps 150 \
  --screenshot "$out/digits-training-path.png"
"$bin" "$here"/scenes/23-small-batch-flat-minimum.json --headless --size 640x400 --steps 200 \
  --screenshot "$out/digits-flat-minimum.png"
"$bin" "$here"/scenes/24-large-batch-sharp-minimum.json --headless --size 640x400 --steps 200 \
  --screenshot "$out/digits-sharp-minimum.png"
# The browser build in headless Chromium (when scripts/web.sh and scripts/test-web.sh have run).
if [ -f "$here/build-web/site/losscape.wasm" ] && [ -d "$here/tests/web/node_modules" ]; then
  (cd "$here/tests/web" && node readme_picture.mjs "$out/browser.png")
fi
