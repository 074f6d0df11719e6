#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// NAdam (Adam with Nesterov momentum), as torch.optim.NAdam, mirroring torch 1.13's
// _single_tensor_nadam:
//   g_t = grad f(p_t) + weight_decay * p_t
//   mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay))      (the momentum schedule)
//   P_t = mu_1 * ... * mu_t
//   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t;   v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
//   d_t = sqrt(v_t / (1 - beta2^t)) + eps
//   p_{t+1} = p_t - lr * (1 - mu_t) / (1 - P_t) * g_t / d_t
//                 - lr * mu_{t+1} / (1 - P_t * mu_t * mu_{t+1}) * m_t / d_t
// The paper has 1 - P_t * mu_{t+1} in the last term; torch 1.13 multiplies mu_t in a second
// time (mu_product * mu * mu_next), and this follows torch. torch keeps P_t in a float32
// tensor, so its products are float arithmetic here too (torch_ops::float32).
struct NAdamRule {
  struct State {
    double exp_avg = 0.0, exp_avg_sq = 0.0;
    double mu_product = 0.0;  // P_t, a float value; torch starts it at 1 (see `first`)
  };
  double lr, beta1, beta2, eps, weight_decay, momentum_decay;
  // Of the current step:
  double bias_correction2 = 1.0, mu = 0.0, mu_next = 0.0;
  bool first = true;

  void start_step(double t) {
    bias_correction2 = 1.0 - std::pow(beta2, t);
    mu = beta1 * (1.0 - 0.5 * std::pow(0.96, t * momentum_decay));
    mu_next = beta1 * (1.0 - 0.5 * std::pow(0.96, (t + 1.0) * momentum_decay));
    first = t == 1.0;
  }
  double next(double p, double g, State& s) const {
    using torch_ops::float32;
    const double grad = weight_decay != 0.0 ? torch_ops::add(g, p, weight_decay) : g;
    // A float32 tensor times a Python float: the float is rounded to float32 first.
    s.mu_product = float32((first ? 1.0 : s.mu_product) * float32(mu));
    const double mu_product_next = float32(float32(s.mu_product * float32(mu)) * float32(mu_next));
    s.exp_avg = torch_ops::add(s.exp_avg * beta1, grad, 1.0 - beta1);
    s.exp_avg_sq = torch_ops::addcmul(s.exp_avg_sq * beta2, grad, grad, 1.0 - beta2);
    const double denom = std::sqrt(s.exp_avg_sq / bias_correction2) + eps;
    p = torch_ops::addcdiv(p, grad, denom, -lr * (1.0 - mu) / (1.0 - s.mu_product));
    return torch_ops::addcdiv(p, s.exp_avg, denom, -lr * mu_next / (1.0 - mu_product_next));
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<NAdamRule>& explanation();
};

class NAdam final : public CoordinateRuleOptimizer<NAdamRule> {
 public:
  NAdam();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<NAdam>(*this); }

 private:
  NAdamRule rule() const override;
};

extern template class RuleLanes<NAdamRule>;  // compiled in nadam.cpp only (coordinate_rule.hpp)

}  // namespace losscape
