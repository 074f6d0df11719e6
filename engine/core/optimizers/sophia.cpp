#include "engine/core/optimizers/sophia.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {
namespace {
enum { kLr, kBeta1, kBeta2, kRho, kK, kWeightDecay, kEps };
}

Sophia::Sophia() : Optimizer("sophia", "Sophia") { init_parameters(); }

// Defaults: the official SophiaG's betas (0.965, 0.99) and rho 0.04, the paper's k = 10 and
// eps 1e-12. lr 0.02, not the paper's 1e-4 or so for language models: early on h is a small
// fraction of the curvature (h_1 = (1 - beta2) diag H) and almost every step is clipped to
// lr per coordinate, so lr sets the speed of the descent: with 0.02 a ball crosses a gallery
// function (a few units) in a few hundred steps, and by the time it arrives h has grown enough
// (lr / (rho * h) below about 2 / H) for the clipped steps to give way to damped Newton-like
// ones. weight_decay defaults to 0, not the official 0.1: on a 2-D function decay only moves
// the minimum towards the origin.
const std::vector<ParameterSpec>& Sophia::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.02, 0.0, 10.0, true, true, "learning rate: the largest step per coordinate (a clipped step)"},
      {"beta1", 0.965, 0.0, 0.9999, false, false, "decay of the gradient's moving average (momentum)"},
      {"beta2", 0.99, 0.0, 0.9999, false, false, "decay of the Hessian diagonal's moving average h, per update"},
      {"rho", 0.04, 0.0, 100.0, true, true, "gamma in the paper: the step is m / (rho * h), clipped to [-1, 1]"},
      {"k", 10.0, 1.0, 1000.0, false, true, "the Hessian diagonal is taken every k steps (first at step 1)", true},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "decoupled decay: subtracts lr * weight_decay * p"},
      {"eps", 1e-12, 0.0, 1.0, true, true, "the denominator is at least eps (where h is negative or tiny)"},
  };
  return table;
}

void Sophia::reset() {
  steps_ = 0.0;
  momentum_ = hessian_average_ = last_step_ = glm::dvec2(0.0);
}

glm::dvec2 Sophia::step(const CostFunction& cost, glm::dvec2 p) {
  const double lr = value_at(kLr), beta1 = value_at(kBeta1), beta2 = value_at(kBeta2), rho = value_at(kRho),
               weight_decay = value_at(kWeightDecay), eps = value_at(kEps);
  const auto k = static_cast<long long>(value_at(kK));
  steps_ += 1.0;
  const glm::dvec2 g = cost.gradient(p);
  momentum_ = beta1 * momentum_ + (1.0 - beta1) * g;
  // The paper updates h where t mod k = 1; (t - 1) mod k = 0 is the same for k > 1 and also
  // right for k = 1 (every step).
  if ((static_cast<long long>(steps_) - 1) % k == 0) {
    const glm::dmat2 h = cost.hessian(p);
    hessian_average_ = beta2 * hessian_average_ + (1.0 - beta2) * glm::dvec2(h[0][0], h[1][1]);
  }
  const glm::dvec2 decayed = p - lr * weight_decay * p;
  glm::dvec2 ratio;
  for (int i = 0; i < 2; ++i) {
    ratio[i] = std::clamp(momentum_[i] / std::max(rho * hessian_average_[i], eps), -1.0, 1.0);
  }
  const glm::dvec2 next = decayed - lr * ratio;
  last_step_ = next - p;
  return next;
}

StepExplanation Sophia::explain(const CostFunction& cost, glm::dvec2 position) const {
  Sophia copy(*this);
  const glm::dvec2 to = copy.step(cost, position), g = cost.gradient(position);
  StepExplanation out = explanation_opening(position, g, to);
  out.t = copy.steps_;
  const double rho = value_at(kRho), eps = value_at(kEps);
  const glm::dvec2 m = copy.momentum_, h = copy.hessian_average_;
  glm::dvec2 ratio;
  for (int i = 0; i < 2; ++i) ratio[i] = std::clamp(m[i] / std::max(rho * h[i], eps), -1.0, 1.0);
  out.lines.insert(out.lines.end(), {{"m = beta1*m + (1-beta1)*g", m},
                                     {"h = beta2*h + (1-beta2)*diag H(p)  (every k steps)", h},
                                     {"r = clip(m / max(rho*h, eps), -1, 1)", ratio}});
  if (value_at(kWeightDecay) != 0.0)
    out.lines.push_back({"p = p - lr*weight_decay*p", position - value_at(kLr) * value_at(kWeightDecay) * position});
  out.lines.push_back({"p_new = p - lr*r", out.to});
  out.arrows.insert(out.arrows.end(), {{"-m", -m, TermRole::momentum, TermUnits::gradient},
                                       {"-r", -ratio, TermRole::scaled, TermUnits::none},
                                       {"step", out.to - position, TermRole::step, TermUnits::position}});
  return out;
}

}  // namespace losscape
