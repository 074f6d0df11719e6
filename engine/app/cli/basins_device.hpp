#pragma once
// Where --basins computes its map: the CPU's lockstep lanes on every core, or the GPU's compute
// shaders (render/compute/gpu_basins.hpp), chosen by --basins-device (docs/gpu.md).
#include "engine/core/optimizer.hpp"
#include "engine/core/result.hpp"
#include "engine/sim/basins.hpp"

#include <optional>
#include <string>
#include <vector>

namespace losscape {

enum class BasinsDevice { cpu, gpu, automatic };

struct BasinsDeviceName {
  const char* name;  // as --basins-device takes it
  BasinsDevice device;
  const char* help;
};
// The one table of the names (the flag's parsing, its help and its error read it).
const std::vector<BasinsDeviceName>& basins_device_names();
std::optional<BasinsDevice> parse_basins_device(const std::string& name);
// "cpu, gpu or auto".
std::string basins_device_choices();

// The map on `device`. auto: the GPU where the context has compute shaders, the cost has GLSL
// and the method a GPU step, and the renderer is hardware (on software GL, llvmpipe, the CPU's
// lanes are faster: bench_basins measures both); else the CPU. gpu: the GPU, or an Error saying
// why it cannot. `ran` gets the one line saying where it ran and, for auto, why.
Result<BasinMap> compute_basins_on(BasinsDevice device, const CostFunction& cost, const Optimizer& optimizer,
                                   const BasinSettings& settings, std::string& ran);

}  // namespace losscape
