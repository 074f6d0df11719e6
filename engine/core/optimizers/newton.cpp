#include "engine/core/optimizers/newton.hpp"

#include <cmath>
#include <vector>

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

Newton::Terms Newton::terms(const CostFunction& cost, glm::dvec2 p) const {
  const double lr = value_at(kLr), max_step = value_at(kMaxStep);
  Terms t;
  t.g = cost.gradient(p);
  t.h = cost.hessian(p);
  const glm::dvec2 g = t.g;
  const glm::dmat2& h = t.h;
  t.det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
  const double size = h[0][0] * h[0][0] + h[1][1] * h[1][1] + 2.0 * h[0][1] * h[0][1];
  glm::dvec2 d;
  t.singular = !(std::abs(t.det) > 1e-12 * size && size > 0.0);
  if (!t.singular) {
    // H^{-1} g for the symmetric 2x2 H, written out.
    d = -glm::dvec2(h[1][1] * g.x - h[0][1] * g.y, -h[0][1] * g.x + h[0][0] * g.y) / t.det;
    d *= lr;
  } else {
    const double norm = glm::length(g);
    d = norm > 0.0 ? -g / norm * (lr * max_step) : glm::dvec2(0.0);
  }
  t.direction = d;
  const double length = glm::length(d);
  if (length > max_step) d *= max_step / length;
  t.d = d;
  return t;
}

glm::dvec2 Newton::step(const CostFunction& cost, glm::dvec2 p) {
  last_step_ = terms(cost, p).d;
  return p + last_step_;
}

StepExplanation Newton::explain(const CostFunction& cost, glm::dvec2 p) const {
  const Terms t = terms(cost, p);
  StepExplanation out;
  out.from = p;
  out.to = p + t.d;
  out.full = true;
  out.lines = {{"g = grad f(p)", t.g},
               {"H = hessian f(p): (f_xx, f_xy)", {t.h[0][0], t.h[1][0]}},
               {"                  (f_yx, f_yy)", {t.h[0][1], t.h[1][1]}},
               {"det H", {t.det, t.det}, true}};
  if (t.singular) {
    out.lines.push_back({"d = -lr*max_step * g/|g|  (H singular)", t.direction});
  } else {
    out.lines.push_back({"d = -lr * H^-1 g", t.direction});
  }
  if (t.d != t.direction) out.lines.push_back({"d = d * max_step/|d|  (trust radius)", t.d});
  out.lines.push_back({"p_new = p + d", out.to});
  // The Newton direction only where the trust radius shortened it: otherwise it is the step.
  out.arrows = {{"-g", -t.g, TermRole::gradient, TermUnits::gradient}};
  if (t.d != t.direction) {
    out.arrows.push_back(
        {t.singular ? "-lr*max_step*g/|g|" : "-lr*H^-1 g", t.direction, TermRole::scaled, TermUnits::position});
  }
  out.arrows.push_back({"step", out.to - p, TermRole::step, TermUnits::position});
  return out;
}

}  // namespace losscape
