#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

#include <algorithm>

namespace losscape {

// ASGD (averaged SGD), as torch.optim.ASGD, mirroring torch 1.13's _single_tensor_asgd:
//   g_t = grad f(p_t) (its negative if maximize) + weight_decay * p_t
//   p_{t+1} = p_t * (1 - lambd * eta_t) - eta_t * g_t
//   eta_t = lr / (1 + lambd * lr * (t - 1))^alpha
//   mu_t = 1 / max(1, t - 1 - t0)
//   ax_t = p_{t+1} where mu_t = 1, else ax_{t-1} + mu_t * (p_{t+1} - ax_{t-1})
// ax is the running average of the points since step t0 + 2, the method's answer; the ball
// itself moves as decaying-step SGD. torch keeps eta and mu in float32 tensors
// (torch.tensor(python_float)), so both are rounded to float here too: even the first step
// uses lr rounded to float.
struct AsgdRule {
  struct State {
    double ax = 0.0;
  };
  double lr, lambd, alpha, t0, weight_decay;
  bool maximize = false;
  double eta = 0.0, mu = 1.0;  // of the current step

  void start_step(double t) {
    // torch computes both after step t - 1, from that step's number (none before the first:
    // eta = lr and mu = 1, which these give at t = 1).
    eta = torch_ops::float32(lr / std::pow(1.0 + lambd * lr * (t - 1.0), alpha));
    mu = torch_ops::float32(1.0 / std::max(1.0, (t - 1.0) - t0));
  }
  double next(double p, double g, State& s) const {
    if (maximize) g = -g;
    const double grad = weight_decay != 0.0 ? torch_ops::add(g, p, weight_decay) : g;
    p = p * (1.0 - lambd * eta);
    p = torch_ops::add(p, grad, -eta);
    s.ax = mu != 1.0 ? torch_ops::add(s.ax, (p - s.ax) * mu, 1.0) : p;
    return p;
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<AsgdRule>& explanation();
};

class Asgd final : public CoordinateRuleOptimizer<AsgdRule> {
 public:
  Asgd();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Asgd>(*this); }
  // The averaged point ax (torch's state['ax']), the answer ASGD gives: (0, 0) before the
  // first step, as in torch.
  glm::dvec2 averaged_position() const { return {coordinate_state(0).ax, coordinate_state(1).ax}; }
  // The averaged point, once there is one (until step t0 + 2 it is where the ball is).
  std::vector<Companion> companions() const override {
    if (steps_taken() == 0.0) return {};
    return {{Companion::Kind::averaged, averaged_position()}};
  }

 private:
  AsgdRule rule() const override;
};

extern template class RuleLanes<AsgdRule>;  // compiled in asgd.cpp only (coordinate_rule.hpp)

}  // namespace losscape
