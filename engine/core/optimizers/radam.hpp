#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// RAdam (rectified Adam), as torch.optim.RAdam, mirroring torch 1.13's _single_tensor_radam:
//   g_t, m_t, v_t as Adam's
//   rho_inf = 2 / (1 - beta2) - 1;   rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)
//   rho_t > 5:  r_t = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))
//               p_{t+1} = p_t - m_t / (1 - beta1^t) * lr * (sqrt(1 - beta2^t) / (sqrt(v_t) + eps)) * r_t
//   otherwise:  p_{t+1} = p_t - m_t / (1 - beta1^t) * lr         (momentum SGD while v_t is unreliable)
// With the default beta2 = 0.999 the first 5 steps are the un-rectified kind.
struct RAdamRule {
  struct State {
    double exp_avg = 0.0, exp_avg_sq = 0.0;
  };
  double lr, beta1, beta2, eps, weight_decay;
  // Of the current step:
  double bias_correction1 = 1.0, bias_correction2_sqrt = 1.0, rect = 1.0;
  bool rectified = false;

  void start_step(double t) {
    bias_correction1 = 1.0 - std::pow(beta1, t);
    const double bias_correction2 = 1.0 - std::pow(beta2, t);
    bias_correction2_sqrt = std::sqrt(bias_correction2);
    const double rho_inf = 2.0 / (1.0 - beta2) - 1.0;
    const double rho_t = rho_inf - 2.0 * t * std::pow(beta2, t) / bias_correction2;
    rectified = rho_t > 5.0;
    if (rectified) {
      rect = std::sqrt((rho_t - 4.0) * (rho_t - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho_t));
    }
  }
  double next(double p, double g, State& s) const {
    const double grad = weight_decay != 0.0 ? torch_ops::add(g, p, weight_decay) : g;
    s.exp_avg = torch_ops::add(s.exp_avg * beta1, grad, 1.0 - beta1);
    s.exp_avg_sq = torch_ops::addcmul(s.exp_avg_sq * beta2, grad, grad, 1.0 - beta2);
    const double bias_corrected_exp_avg = s.exp_avg / bias_correction1;
    if (!rectified) return torch_ops::add(p, bias_corrected_exp_avg * lr, -1.0);
    // torch evaluates `scalar / tensor` as tensor.reciprocal() * scalar.
    const double adaptive_lr = (1.0 / (std::sqrt(s.exp_avg_sq) + eps)) * bias_correction2_sqrt;
    return torch_ops::add(p, bias_corrected_exp_avg * lr * adaptive_lr * rect, -1.0);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<RAdamRule>& explanation();
};

class RAdam final : public CoordinateRuleOptimizer<RAdamRule> {
 public:
  RAdam();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<RAdam>(*this); }

 private:
  RAdamRule rule() const override;
};

extern template class RuleLanes<RAdamRule>;  // compiled in radam.cpp only (coordinate_rule.hpp)

}  // namespace losscape
