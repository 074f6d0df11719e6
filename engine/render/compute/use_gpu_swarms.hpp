#pragma once
// Turning GPU swarms on for a context (gpu_swarm.cpp; in the browser build gpu_swarm_web.cpp,
// where WebGL2 has no compute shaders).
#include "engine/core/result.hpp"
#include "engine/render/compute_device.hpp"
#include "engine/scene/scene.hpp"
#include "engine/sim/swarm.hpp"
#include "engine/sim/swarm_accelerator.hpp"

#include <string>

namespace losscape {

// Whether `scene`'s swarm is one the GPU may step (more than kLargestBallSwarm balls): then its
// simulation is built only once a context is open and use_gpu_swarms_in_this_context() has
// asked it (the command line's batch runs and recordings, the window, --bench).
inline bool swarm_wants_gpu_context(const Scene& scene) {
  return scene.swarm && swarm_beyond_balls(scene.swarm->layout.count);
}

// Sets this process's swarm acceleration (sim/swarm_accelerator.hpp) for the current context and
// `device`: GPU swarms where the context has compute shaders and, for auto, is a hardware GPU (on
// software GL, llvmpipe, the CPU's lanes step and draw a swarm faster; `software_gl`:
// current_gl_is_software()); else none, with the reason the swarm's one line then gives. An error
// ("--swarm-device gpu: why") only where gpu was asked for and the context has no GPU swarms.
Status use_gpu_swarms_in_this_context(ComputeDevice device, bool software_gl);
// No GPU swarms in this process, for `why` (the swarm's one line gives it); an error where `device`
// is gpu. What use_gpu_swarms_in_this_context does where it cannot have them, and a front-end
// where it has no context at all.
inline Status no_gpu_swarms(ComputeDevice device, const std::string& why) {
  set_swarm_acceleration({nullptr, why});
  if (device == ComputeDevice::gpu) return Error{"--swarm-device gpu: " + why};
  return {};
}

}  // namespace losscape
