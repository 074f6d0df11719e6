#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// Adam and AdamW, as torch.optim.Adam / torch.optim.AdamW, mirroring torch 1.13's
// _single_tensor_adam / _single_tensor_adamw:
//   d_t = grad f(p_t), its negative if maximize
//   Adam:   g_t = d_t + weight_decay * p_t      (L2 penalty through the gradient)
//   AdamW:  g_t = d_t;  p_t <- p_t * (1 - lr * weight_decay)   (decoupled decay)
//   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t            (m_0 = 0)
//   v_t = beta2 * v_{t-1} + (1 - beta2) * g_t * g_t      (v_0 = 0)
//   amsgrad: vmax_t = max(vmax_{t-1}, v_t) (vmax_0 = 0) takes v_t's place below: the largest v yet
//   p_{t+1} = p_t - (lr / (1 - beta1^t)) * m_t / (sqrt(v_t) / sqrt(1 - beta2^t) + eps)
// velocity() is the last step, p_{t+1} - p_t.
struct AdamRule {
  struct State {
    double exp_avg = 0.0, exp_avg_sq = 0.0, max_exp_avg_sq = 0.0;
  };
  double lr, beta1, beta2, eps, weight_decay;
  bool decoupled;  // AdamW
  bool amsgrad = false, maximize = false;
  double step_size = 0.0, bias_correction2_sqrt = 1.0;  // of the current step

  void start_step(double t) {
    const double bias_correction1 = 1.0 - std::pow(beta1, t);
    const double bias_correction2 = 1.0 - std::pow(beta2, t);
    step_size = lr / bias_correction1;
    bias_correction2_sqrt = std::sqrt(bias_correction2);
  }
  double next(double p, double g, State& s) const {
    double grad = maximize ? -g : g;
    if (decoupled) {
      p = p * (1.0 - lr * weight_decay);
    } else if (weight_decay != 0.0) {
      grad = torch_ops::add(grad, p, weight_decay);
    }
    s.exp_avg = torch_ops::add(s.exp_avg * beta1, grad, 1.0 - beta1);
    s.exp_avg_sq = torch_ops::addcmul(s.exp_avg_sq * beta2, grad, grad, 1.0 - beta2);
    // torch.maximum, which keeps a NaN as torch_ops::amax does.
    if (amsgrad) s.max_exp_avg_sq = torch_ops::amax(s.max_exp_avg_sq, s.exp_avg_sq);
    const double denom = std::sqrt(amsgrad ? s.max_exp_avg_sq : s.exp_avg_sq) / bias_correction2_sqrt + eps;
    return torch_ops::addcdiv(p, s.exp_avg, denom, -step_size);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<AdamRule>& explanation();
};

class Adam final : public CoordinateRuleOptimizer<AdamRule> {
 public:
  explicit Adam(bool decoupled_weight_decay);
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Adam>(*this); }

 private:
  AdamRule rule() const override;
  bool decoupled_;  // AdamW
};

extern template class RuleLanes<AdamRule>;  // compiled in adam.cpp only (coordinate_rule.hpp)

}  // namespace losscape
