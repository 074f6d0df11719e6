#pragma once
// engine/core/step_rules.cpp's judgement of a start and of a step in GLSL, for every compute
// shader that steps points (the GPU swarm, the GPU basin map): one text, its uniforms set from
// the same StepLimits, in the C++ rules' order of operations (tests/render/test_gpu_swarm.cpp and
// test_gpu_basins.cpp hold both to the CPU bit for bit).
#include "engine/core/step_rules.hpp"
#include "engine/render/compute/swarm_rules.hpp"

#include <glad/gl.h>

#include <string>

namespace losscape {

// Needs REAL, REAL2 and cost_glsl()'s losscape_cost (and its losscape_isnan, losscape_isinf)
// before it. Defines BallStatus's numbers (RUNNING, CONVERGED, DIVERGED, LEFT_DOMAIN, UNDEFINED),
// the uniforms set_step_rule_uniforms() sets, and
//   uint judge_start(REAL2 p, REAL f, REAL2 g): start_at()'s status for f and g at p;
//   uint step_to(REAL2 next, inout REAL2 p, inout REAL f, inout REAL2 g, inout uint outside):
//     take_step() once the method has proposed `next` from p (whose f, gradient and steps outside
//     the domain are f, g, outside): DIVERGED or UNDEFINED leave them as they were (no step was
//     taken); else they become next's and the status is judge_step()'s.
const char* step_rules_glsl();

// How a stepping shader holds u_rule[], the numbers swarm_next() reads: a uniform the CPU sets
// each step (the swarm), or a variable the shader fills itself (the basin map, from a buffer
// holding a row for each step of a dispatch).
enum class RuleNumbers { uniform, variable };

// What every compute shader that steps points starts with (the GPU swarm's and the GPU basin
// map's), one text for both: the version line, the cost's GLSL (`cost_source`, in double), REAL
// and REAL2, SWARM_RULE_UNIFORMS and u_rule[], the method's rule, then step_rules_glsl().
std::string stepping_shader_preamble(const std::string& cost_source, const SwarmRuleGlsl& rule, RuleNumbers numbers);

// step_rules_glsl()'s uniforms for `domain` and `limits`, on `program` (made current here).
void set_step_rule_uniforms(GLuint program, const Domain& domain, const StepLimits& limits);

}  // namespace losscape
