#include "engine/core/optimizers/shampoo.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {
namespace {
enum { kLr, kEps, kMomentum };

// a * c - b * b with one rounding's error (Kahan's fused-multiply-add determinant): the plain
// difference loses every digit when S is nearly of rank one, as it is after the first step.
double determinant(double a, double b, double c) {
  const double bb = b * b;
  const double error = std::fma(-b, b, bb);  // bb - b * b exactly
  return std::fma(a, c, -bb) + error;
}

}  // namespace

glm::dvec2 inverse_sqrt_times(glm::dvec3 s, double shift, glm::dvec2 v) {
  const double a = s.x, b = s.y, c = s.z;
  // The larger eigenvalue is a sum of non-negative numbers: no cancellation. The smaller one,
  // l1 - 2r, would cancel where l2 << l1; det / l1 does not (clamped at 0: rounding may make a
  // rank-one S's determinant a hair negative).
  const double r = std::hypot(0.5 * (a - c), b);
  const double l1 = 0.5 * (a + c) + r;
  const double l2 = l1 > 0.0 ? std::max(0.0, determinant(a, b, c) / l1) : 0.0;
  // e1 at the angle theta with tan(2 theta) = 2b / (a - c): well defined wherever S is not a
  // multiple of I, and any basis is right where it is (atan2(0, 0) = 0: the axes).
  const double theta = 0.5 * std::atan2(2.0 * b, a - c);
  const glm::dvec2 e1(std::cos(theta), std::sin(theta)), e2(-e1.y, e1.x);
  return glm::dot(e1, v) / std::sqrt(l1 + shift) * e1 + glm::dot(e2, v) / std::sqrt(l2 + shift) * e2;
}

Shampoo::Shampoo() : Optimizer("shampoo", "Shampoo") { init_parameters(); }

// lr 0.1: every step is at most lr long, and steps in a steady direction shrink as 1/sqrt(t)
// (AdaGrad's), so a ball covers about 2 lr sqrt(t): a few units in a few hundred steps. eps 1e-4:
// small against the gallery's squared gradients, large enough that a direction no gradient has
// yet pointed along (G's eigenvalue eps there) does not get a step amplified 1/sqrt(eps) times.
const std::vector<ParameterSpec>& Shampoo::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.1, 0.0, 10.0, true, true, "learning rate: the longest step (the preconditioned gradient is at most 1)"},
      {"eps", 1e-4, 0.0, 1.0, true, true, "G starts at eps * I: damps directions the gradients have not explored"},
      {"momentum", 0.0, 0.0, 0.999, false, false, "heavy ball on the preconditioned step (0: the paper's rule)"},
  };
  return table;
}

void Shampoo::reset() {
  gradient_outer_sum_ = glm::dvec3(0.0);
  momentum_ = last_step_ = glm::dvec2(0.0);
}

glm::dvec2 Shampoo::step(const CostFunction& cost, glm::dvec2 p) {
  const double lr = value_at(kLr), eps = value_at(kEps), mu = value_at(kMomentum);
  const glm::dvec2 g = cost.gradient(p);
  gradient_outer_sum_ += glm::dvec3(g.x * g.x, g.x * g.y, g.y * g.y);
  const glm::dvec2 direction = inverse_sqrt_times(gradient_outer_sum_, eps, g);
  momentum_ = mu * momentum_ + direction;
  const glm::dvec2 next = p - lr * momentum_;
  last_step_ = next - p;
  return next;
}

StepExplanation Shampoo::explain(const CostFunction& cost, glm::dvec2 p) const {
  Shampoo copy(*this);
  const glm::dvec2 to = copy.step(cost, p), g = cost.gradient(p);
  StepExplanation out = explanation_opening(p, g, to);
  const double lr = value_at(kLr), eps = value_at(kEps), mu = value_at(kMomentum);
  const glm::dvec3 s = copy.gradient_outer_sum_;  // G - eps I
  // G^{-1/2}'s columns: G^{-1/2} applied to the unit vectors, as the step applies it to g.
  const glm::dvec2 col_x = inverse_sqrt_times(s, eps, {1.0, 0.0}), col_y = inverse_sqrt_times(s, eps, {0.0, 1.0});
  const glm::dvec2 direction = inverse_sqrt_times(s, eps, g);
  out.lines.insert(out.lines.end(), {{"G = G + g g^T: (G_xx, G_xy)", {s.x + eps, s.y}},
                                     {"                (G_yx, G_yy)", {s.y, s.z + eps}},
                                     {"G^-1/2: (xx, xy)", {col_x.x, col_y.x}},
                                     {"        (yx, yy)", {col_x.y, col_y.y}},
                                     {"d = G^-1/2 g", direction}});
  if (mu != 0.0) out.lines.push_back({"b = momentum*b + d", copy.momentum_});
  out.lines.push_back({mu != 0.0 ? "step = -lr * b" : "step = -lr * d", -lr * copy.momentum_});
  out.arrows.push_back({"-G^-1/2 g", -direction, TermRole::scaled, TermUnits::none});
  if (mu != 0.0) out.arrows.push_back({"-b", -copy.momentum_, TermRole::momentum, TermUnits::none});
  close_explanation(out, "p_new = p + step");
  return out;
}

}  // namespace losscape
