// The browser build's GPU swarms: none, WebGL2 has no compute shaders (gpu_swarm.cpp is not built).
#include "engine/render/compute/use_gpu_swarms.hpp"
#include "engine/sim/swarm_accelerator.hpp"

namespace losscape {

std::string use_gpu_swarms_in_this_context(ComputeDevice /*device*/, bool /*software_gl*/) {
  const std::string why = "WebGL2 has no compute shaders";
  set_swarm_acceleration({nullptr, why});
  return why;
}

}  // namespace losscape
