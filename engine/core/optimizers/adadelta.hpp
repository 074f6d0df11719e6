#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// Adadelta, as torch.optim.Adadelta, mirroring torch 1.13's _single_tensor_adadelta:
//   g_t = grad f(p_t) (its negative if maximize) + weight_decay * p_t
//   v_t = rho * v_{t-1} + (1 - rho) * g_t^2                       (v_0 = 0)
//   d_t = sqrt(u_{t-1} + eps) / sqrt(v_t + eps) * g_t              (u_0 = 0)
//   u_t = rho * u_{t-1} + (1 - rho) * d_t^2
//   p_{t+1} = p_t - lr * d_t
// The step's size is the ratio of the past steps' and gradients' root mean squares, so it has
// the units of p without a learning rate; torch still scales it by lr (default 1).
struct AdadeltaRule {
  struct State {
    double square_avg = 0.0, acc_delta = 0.0;
  };
  double lr, rho, eps, weight_decay;
  bool maximize = false;

  void start_step(double) {}
  double next(double p, double g, State& s) const {
    if (maximize) g = -g;
    const double grad = weight_decay != 0.0 ? torch_ops::add(g, p, weight_decay) : g;
    s.square_avg = torch_ops::addcmul(s.square_avg * rho, grad, grad, 1.0 - rho);
    const double std_dev = std::sqrt(s.square_avg + eps);
    const double delta = std::sqrt(s.acc_delta + eps) / std_dev * grad;
    s.acc_delta = torch_ops::addcmul(s.acc_delta * rho, delta, delta, 1.0 - rho);
    return torch_ops::add(p, delta, -lr);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<AdadeltaRule>& explanation();
};

class Adadelta final : public CoordinateRuleOptimizer<AdadeltaRule> {
 public:
  Adadelta();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Adadelta>(*this); }

 private:
  AdadeltaRule rule() const override;
};

extern template class RuleLanes<AdadeltaRule>;  // compiled in adadelta.cpp only (coordinate_rule.hpp)

}  // namespace losscape
