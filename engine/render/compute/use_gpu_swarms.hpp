#pragma once
// Turning GPU swarms on for a context (gpu_swarm.cpp; in the browser build gpu_swarm_web.cpp,
// where WebGL2 has no compute shaders).
#include <string>

namespace losscape {

// Sets this process's swarm acceleration (sim/swarm_accelerator.hpp) for the current context:
// GPU swarms where it has compute shaders, else the reason it has none, which it returns (empty
// when GPU swarms are on).
std::string use_gpu_swarms_in_this_context();

}  // namespace losscape
