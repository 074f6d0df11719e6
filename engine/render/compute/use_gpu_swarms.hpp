#pragma once
// Turning GPU swarms on for a context (gpu_swarm.cpp; in the browser build gpu_swarm_web.cpp,
// where WebGL2 has no compute shaders).
#include "engine/render/compute_device.hpp"
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

// Sets this process's swarm acceleration (sim/swarm_accelerator.hpp) for the current context and
// `device`: GPU swarms where the context has compute shaders and, for auto, is a hardware GPU (on
// software GL, llvmpipe, the CPU's lanes step and draw a swarm faster; `software_gl`:
// current_gl_is_software()); else none, and the reason, which the swarm's one line then says and
// which this returns (empty when GPU swarms are on). For gpu a reason is an error the caller
// reports (gpu_swarm_refusal).
std::string use_gpu_swarms_in_this_context(ComputeDevice device, bool software_gl);
// "--swarm-device gpu: <why>" where `device` is gpu and the context has no GPU swarms; else empty.
inline std::string gpu_swarm_refusal(ComputeDevice device, const std::string& why_not) {
  return device == ComputeDevice::gpu && !why_not.empty() ? "--swarm-device gpu: " + why_not : std::string();
}

}  // namespace losscape
