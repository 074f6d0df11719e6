#include "engine/core/optimizers/newton.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kMaxStep };
}

Newton::Newton() : Optimizer("newton", "Newton") { init_parameters(); }

const std::vector<ParameterSpec>& Newton::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 1.0, 0.0, 2.0, true, false, "damping: the fraction of the full Newton step taken (1 = pure Newton)"},
      {"max_step", 1.0, 0.0, 100.0, true, true, "trust radius: the longest step allowed, in domain units"},
  };
  return table;
}

glm::dvec2 Newton::step(const CostFunction& cost, glm::dvec2 p) {
  const double lr = value_at(kLr), max_step = value_at(kMaxStep);
  const glm::dvec2 g = cost.gradient(p);
  const glm::dmat2 h = cost.hessian(p);
  const double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
  const double size = h[0][0] * h[0][0] + h[1][1] * h[1][1] + 2.0 * h[0][1] * h[0][1];
  glm::dvec2 d;
  if (std::abs(det) > 1e-12 * size && size > 0.0) {
    // H^{-1} g for the symmetric 2x2 H, written out.
    d = -glm::dvec2(h[1][1] * g.x - h[0][1] * g.y, -h[0][1] * g.x + h[0][0] * g.y) / det;
    d *= lr;
  } else {
    const double norm = glm::length(g);
    d = norm > 0.0 ? -g / norm * (lr * max_step) : glm::dvec2(0.0);
  }
  const double length = glm::length(d);
  if (length > max_step) d *= max_step / length;
  last_step_ = d;
  return p + d;
}

}  // namespace losscape
