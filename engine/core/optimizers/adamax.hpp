#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// Adamax, as torch.optim.Adamax, mirroring torch 1.13's _single_tensor_adamax: Adam with the
// infinity norm in place of the root mean square.
//   g_t = grad f(p_t) (its negative if maximize) + weight_decay * p_t
//   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t                (m_0 = 0)
//   u_t = max(beta2 * u_{t-1}, |g_t| + eps)                  (u_0 = 0)
//   p_{t+1} = p_t - (lr / (1 - beta1^t)) * m_t / u_t
struct AdamaxRule {
  struct State {
    double exp_avg = 0.0, exp_inf = 0.0;
  };
  double lr, beta1, beta2, eps, weight_decay;
  bool maximize = false;
  double clr = 0.0;  // of the current step

  void start_step(double t) { clr = lr / (1.0 - std::pow(beta1, t)); }
  double next(double p, double g, State& s) const {
    if (maximize) g = -g;
    const double grad = weight_decay != 0.0 ? torch_ops::add(g, p, weight_decay) : g;
    s.exp_avg = torch_ops::add(s.exp_avg * beta1, grad, 1.0 - beta1);
    s.exp_inf = torch_ops::amax(s.exp_inf * beta2, std::abs(grad) + eps);
    return torch_ops::addcdiv(p, s.exp_avg, s.exp_inf, -clr);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<AdamaxRule>& explanation();
};

class Adamax final : public CoordinateRuleOptimizer<AdamaxRule> {
 public:
  Adamax();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Adamax>(*this); }

 private:
  AdamaxRule rule() const override;
};

extern template class RuleLanes<AdamaxRule>;  // compiled in adamax.cpp only (coordinate_rule.hpp)

}  // namespace losscape
