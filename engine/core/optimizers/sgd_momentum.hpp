#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// Momentum ("heavy ball") and Nesterov, as torch.optim.SGD(momentum=mu, nesterov=...),
// mirroring torch 1.13's _single_tensor_sgd:
//   g_t = grad f(p_t) (its negative if maximize) + weight_decay * p_t
//   b_1 = g_1;   b_t = mu * b_{t-1} + (1 - dampening) * g_t      (t > 1)
//   momentum:  p_{t+1} = p_t - lr * b_t
//   nesterov:  p_{t+1} = p_t - lr * (g_t + mu * b_t)
// torch refuses dampening with nesterov, so Nesterov has no dampening parameter (it is 0).
// velocity() is the last step, p_{t+1} - p_t.
struct MomentumRule {
  struct State {
    double buffer = 0.0;
  };
  double lr, mu, weight_decay, dampening = 0.0;
  bool nesterov, maximize = false;
  bool first = true;  // no buffer yet: torch clones the first gradient into it

  void start_step(double t) { first = t == 1.0; }
  double next(double p, double g, State& s) const {
    double d_p = maximize ? -g : g;
    if (weight_decay != 0.0) d_p = torch_ops::add(d_p, p, weight_decay);
    if (mu != 0.0) {
      s.buffer = first ? d_p : torch_ops::add(s.buffer * mu, d_p, 1.0 - dampening);
      d_p = nesterov ? torch_ops::add(d_p, s.buffer, mu) : s.buffer;
    }
    return torch_ops::add(p, d_p, -lr);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<MomentumRule>& explanation();
};

class SgdMomentum final : public CoordinateRuleOptimizer<MomentumRule> {
 public:
  explicit SgdMomentum(bool nesterov);
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<SgdMomentum>(*this); }

 private:
  MomentumRule rule() const override;
  bool nesterov_;
};

extern template class RuleLanes<MomentumRule>;  // compiled in sgd_momentum.cpp only (coordinate_rule.hpp)

}  // namespace losscape
