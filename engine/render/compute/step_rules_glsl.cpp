#include "engine/render/compute/step_rules_glsl.hpp"

#include "engine/render/compute/compute_support.hpp"

#include <algorithm>
#include <cstddef>

namespace losscape {

const char* step_rules_glsl() {
  return R"GLSL(
uniform REAL u_domain[4];  // x_min, x_max, y_min, y_max
uniform REAL u_box[4];     // divergence_box(), likewise
uniform REAL u_gradient_tolerance, u_step_limit;  // step_tolerance times the domain's size
uniform uint u_max_outside;

const uint RUNNING = 0u, CONVERGED = 1u, DIVERGED = 2u, LEFT_DOMAIN = 3u, UNDEFINED = 4u;

bool finite1(REAL v) { return !losscape_isnan(v) && !losscape_isinf(v); }
bool finite2(REAL2 v) { return finite1(v.x) && finite1(v.y); }
bool within(REAL2 p, REAL b[4]) { return p.x >= b[0] && p.x <= b[1] && p.y >= b[2] && p.y <= b[3]; }
REAL length_of(REAL2 v) {  // glm::length: sqrt(x*x + y*y), nothing fused
  precise REAL square = v.x * v.x + v.y * v.y;
  return sqrt(square);
}

uint judge_start(REAL2 p, REAL f, REAL2 g) {
  if (!finite2(p)) return DIVERGED;
  if (!finite1(f) || !finite2(g)) return UNDEFINED;
  return RUNNING;
}

uint step_to(REAL2 next, inout REAL2 p, inout REAL f, inout REAL2 g, inout uint outside) {
  if (!finite2(next) || !within(next, u_box)) return DIVERGED;
  REAL nf;
  REAL2 ng;
  losscape_cost(next, nf, ng);
  if (!finite1(nf) || !finite2(ng)) {
    return losscape_isnan(nf) || losscape_isnan(ng.x) || losscape_isnan(ng.y) ? UNDEFINED : DIVERGED;
  }
  precise REAL2 moved = next - p;
  REAL step_length = length_of(moved);
  bool inside = within(next, u_domain);
  p = next;
  f = nf;
  g = ng;
  outside = inside ? 0u : outside + 1u;
  if (length_of(ng) <= u_gradient_tolerance && step_length <= u_step_limit) return inside ? CONVERGED : LEFT_DOMAIN;
  if (outside > u_max_outside) return LEFT_DOMAIN;
  return RUNNING;
}
)GLSL";
}

std::string stepping_shader_preamble(const std::string& cost_source, const SwarmRuleGlsl& rule, RuleNumbers numbers) {
  return compute_shader_version() + cost_source + "#define REAL LOSSCAPE_REAL\n#define REAL2 LOSSCAPE_REAL2\n" +
         "#define SWARM_RULE_UNIFORMS " + std::to_string(kSwarmRuleUniforms) + "\n" +
         (numbers == RuleNumbers::uniform ? "uniform " : "") + "REAL u_rule[SWARM_RULE_UNIFORMS];\n" + rule.source +
         step_rules_glsl();
}

void set_step_rule_uniforms(GLuint program, const Domain& domain, const StepLimits& limits) {
  glUseProgram(program);
  const auto at = [program](const char* name) { return glGetUniformLocation(program, name); };
  const Domain box = divergence_box(domain, limits);
  const double domain_bounds[4] = {domain.x_min, domain.x_max, domain.y_min, domain.y_max};
  const double box_bounds[4] = {box.x_min, box.x_max, box.y_min, box.y_max};
  glUniform1dv(at("u_domain"), 4, domain_bounds);
  glUniform1dv(at("u_box"), 4, box_bounds);
  // judge_step's thresholds, computed as it computes them.
  glUniform1d(at("u_gradient_tolerance"), limits.gradient_tolerance);
  glUniform1d(at("u_step_limit"), limits.step_tolerance * std::max(domain.width(), domain.height()));
  // (A GPU swarm keeps the count above its status's three bits: 29 bits are left.)
  glUniform1ui(at("u_max_outside"),
               static_cast<GLuint>(std::min<std::size_t>(limits.max_steps_outside_domain, 0x1fffffff)));
}

}  // namespace losscape
