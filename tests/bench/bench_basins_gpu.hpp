#pragma once
// bench_basins' GPU rows: see bench_basins_gpu.cpp.
#include "engine/core/optimizer.hpp"
#include "engine/sim/basins.hpp"

namespace losscape {

// The 512x512 rows of `full` (and 4096x4096 with `with_4096`) on compute shaders, or a line
// saying why there are none.
void bench_gpu_basins(const Optimizer& gd, const BasinSettings& full, bool with_4096);

}  // namespace losscape
