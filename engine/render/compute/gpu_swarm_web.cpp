// The browser build's GPU swarms: none, WebGL2 has no compute shaders (gpu_swarm.cpp is not built).
#include "engine/render/compute/use_gpu_swarms.hpp"

namespace losscape {

Status use_gpu_swarms_in_this_context(ComputeDevice device, bool /*software_gl*/) {
  return no_gpu_swarms(device, "WebGL2 has no compute shaders");
}

}  // namespace losscape
