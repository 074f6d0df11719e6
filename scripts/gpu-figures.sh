#!/usr/bin/env bash
# Issue 19's GPU figures and the GPU path's tests in one short run, for a machine with a GPU that
# has none of the tools to build (the device machine some sessions are lent for minutes): it runs
# the binaries already built here, carried there with the working tree (the shaders are read from
# the source tree). Prints the card, then each figure beside its goal:
#   - a basin map of 4096x4096 starts, 1,000 steps (goal: at most 1 s), beside the 512x512 rows;
#   - 1,000,000 Adam balls on Himmelblau at 1920x1080, the solver step included (goal: 60 fps);
#   - the standard scene at 1920x1080 (goal: 1,000 fps), and with 1,000 balls;
#   - the GPU swarm, basin map and GLSL tests, which on a hardware GPU allow the tolerances that
#     tests/render/compute_fixture.hpp gives (bit for bit is asked of llvmpipe only).
# Each part has its own time limit, so one that hangs leaves the others' figures and its own so far.
# Usage: scripts/gpu-figures.sh [BUILD_DIR]   (default build; needs losscape, tests/bench_basins
#        and tests/test_render in it: device tool's carry ["build/losscape", "build/tests/bench_basins",
#        "build/tests/test_render"])
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
cd "$here"

part() {  # part TITLE SECONDS COMMAND...
  local title="$1" seconds="$2"
  shift 2
  echo "== $title"
  # Line-buffered: a part stopped by its time limit keeps the rows it printed (into a pipe or a
  # file, stdio would otherwise hold them until exit, and lose them at the kill).
  timeout "$seconds" stdbuf -oL "$@"
  local rc=$?
  [ "$rc" -eq 0 ] || echo "   (exit $rc$([ "$rc" -eq 124 ] && echo ": past its $seconds s"))"
}

echo "== the machine"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "(no nvidia-smi)"
nproc
part "basin maps: the CPU's rows, then the GPU's, 4096x4096 among them (goal: at most 1 s)" 240 \
  "$build/tests/bench_basins" --gpu-4096
part "1,000,000 balls, Adam, Himmelblau, 1920x1080 (goal: at least 60 fps with the solver step)" 120 \
  "$build/losscape" --swarm 1000000 --optimizer adam --bench --size 1920x1080 --frames 600
part "the standard scene, 1920x1080 (goal: at least 1,000 fps)" 90 \
  "$build/losscape" scenes/bench/standard.json --bench --size 1920x1080 --frames 2000
part "the standard scene with 1,000 balls, 1920x1080" 90 \
  "$build/losscape" scenes/bench/standard-swarm.json --bench --size 1920x1080 --frames 2000
part "the GPU path's tests on this GPU" 240 \
  "$build/tests/test_render" --gtest_filter='GpuSwarm*:GpuBasins*:CostGlsl*' --gtest_brief=1
