#pragma once
// Turning GPU swarms on for a context (gpu_swarm.cpp; in the browser build gpu_swarm_web.cpp,
// where WebGL2 has no compute shaders).
#include "engine/scene/scene.hpp"
#include "engine/sim/swarm.hpp"

#include <string>

namespace losscape {

// Whether `scene`'s swarm is one the GPU may step (more than kLargestBallSwarm balls): then its
// simulation is built only once a context is open and use_gpu_swarms_in_this_context() has
// asked it (the command line's batch runs and recordings, the window, --bench).
inline bool swarm_wants_gpu_context(const Scene& scene) {
  return scene.swarm && swarm_beyond_balls(scene.swarm->layout.count);
}

// Sets this process's swarm acceleration (sim/swarm_accelerator.hpp) for the current context:
// GPU swarms where it has compute shaders, else the reason it has none, which it returns (empty
// when GPU swarms are on).
std::string use_gpu_swarms_in_this_context();

}  // namespace losscape
