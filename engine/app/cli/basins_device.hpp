#pragma once
// Where --basins computes its map: the CPU's lockstep lanes on every core, or the GPU's compute
// shaders (render/compute/gpu_basins.hpp), chosen by --basins-device (docs/gpu.md).
#include "engine/core/optimizer.hpp"
#include "engine/core/result.hpp"
#include "engine/render/compute_device.hpp"
#include "engine/sim/basins.hpp"

#include <optional>
#include <string>
#include <vector>

namespace losscape {

// The map on `device`. auto: the GPU where the context has compute shaders, the cost has GLSL
// and the method a GPU step, and the renderer is hardware (on software GL, llvmpipe, the CPU's
// lanes are faster: bench_basins measures both); else the CPU. gpu: the GPU, or an Error saying
// why it cannot. `ran` gets the one line saying where it ran and, for auto, why.
Result<BasinMap> compute_basins_on(ComputeDevice device, const CostFunction& cost, const Optimizer& optimizer,
                                   const BasinSettings& settings, std::string& ran);

}  // namespace losscape
