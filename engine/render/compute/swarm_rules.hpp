#pragma once
// The first-order methods a GPU swarm can step, as GLSL: each rule's next() of
// engine/core/optimizers/ (the per-coordinate step of CoordinateRuleOptimizer) written once more
// in GLSL, in the C++ rule's order of operations, with torch_ops' fused multiply-adds as a
// correctly rounded fma (the driver's or an exact emulation)
// and every other product and sum `precise` (never fused, as the C++ build fuses none). The
// numbers each step needs (the parameters, and what start_step(t) computes, such as Adam's bias
// corrections) are not recomputed in GLSL: they are read from the optimizer's own rule after its
// start_step(t), and handed to the shader as uniforms. tests/render/test_gpu_swarm.cpp steps
// every method listed here against the CPU for 1,000 steps.
#include "engine/core/optimizer.hpp"
#include "engine/core/result.hpp"

#include <string>
#include <vector>

namespace losscape {

struct SwarmRuleGlsl {
  std::string source;      // defines SWARM_STATE and REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE])
  std::size_t state_size;  // REALs of memory per coordinate (at least 1)
};

// The rule's GLSL for `optimizer`, or one line saying why it has none (a method that is not
// per-coordinate, or one wrapped in a schedule). native_fma: the driver's fma() on doubles
// rounds once (else an exact emulation is used).
Result<SwarmRuleGlsl> swarm_rule_glsl(const Optimizer& optimizer, bool native_fma);
// The uniforms u_rule[] of step t (1 for the first after reset) for `optimizer`, which
// swarm_rule_glsl() accepted.
std::vector<double> swarm_rule_uniforms(const Optimizer& optimizer, double t);
// The methods that have GPU rules, by command-line name (for messages and the tests).
const std::vector<std::string>& gpu_swarm_methods();
// The same as one comma list ("gd, momentum, ..."), for messages.
const std::string& gpu_swarm_method_list();

inline constexpr std::size_t kSwarmRuleUniforms = 12;

}  // namespace losscape
