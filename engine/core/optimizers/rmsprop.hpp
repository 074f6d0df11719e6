#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// RMSProp, as torch.optim.RMSprop, mirroring torch 1.13's _single_tensor_rmsprop:
//   g_t = grad f(p_t) (its negative if maximize) + weight_decay * p_t
//   v_t = alpha * v_{t-1} + (1 - alpha) * g_t * g_t          (v_0 = 0)
//   centered:  a_t = alpha * a_{t-1} + (1 - alpha) * g_t     (a_0 = 0)
//              d_t = sqrt(v_t - a_t * a_t) + eps             (the gradient's variance, not its square)
//   else:      d_t = sqrt(v_t) + eps
//   momentum > 0:  b_t = momentum * b_{t-1} + g_t / d_t      (b_0 = 0);  p_{t+1} = p_t - lr * b_t
//   else:          p_{t+1} = p_t - lr * g_t / d_t
// Like AdaGrad, but the squared gradients are a moving average, so steps do not die out.
struct RmsPropRule {
  struct State {
    double square_avg = 0.0, grad_avg = 0.0, buffer = 0.0;
  };
  double lr, alpha, eps, weight_decay, momentum = 0.0;
  bool centered = false, maximize = false;

  void start_step(double) {}
  double next(double p, double g, State& s) const {
    double grad = maximize ? -g : g;
    if (weight_decay != 0.0) grad = torch_ops::add(grad, p, weight_decay);
    s.square_avg = torch_ops::addcmul(s.square_avg * alpha, grad, grad, 1.0 - alpha);
    double avg;
    if (centered) {
      s.grad_avg = torch_ops::add(s.grad_avg * alpha, grad, 1.0 - alpha);
      avg = std::sqrt(torch_ops::addcmul(s.square_avg, s.grad_avg, s.grad_avg, -1.0)) + eps;
    } else {
      avg = std::sqrt(s.square_avg) + eps;
    }
    if (momentum > 0.0) {
      s.buffer = torch_ops::addcdiv(s.buffer * momentum, grad, avg, 1.0);
      return torch_ops::add(p, s.buffer, -lr);
    }
    return torch_ops::addcdiv(p, grad, avg, -lr);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<RmsPropRule>& explanation();
};

class RmsProp final : public CoordinateRuleOptimizer<RmsPropRule> {
 public:
  RmsProp();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<RmsProp>(*this); }

 private:
  RmsPropRule rule() const override;
};

extern template class RuleLanes<RmsPropRule>;  // compiled in rmsprop.cpp only (coordinate_rule.hpp)

}  // namespace losscape
