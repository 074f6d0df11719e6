#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// RMSProp, as torch.optim.RMSprop (centered = False, momentum = 0), mirroring torch 1.13's
// _single_tensor_rmsprop:
//   g_t = grad f(p_t) + weight_decay * p_t
//   v_t = alpha * v_{t-1} + (1 - alpha) * g_t * g_t          (v_0 = 0)
//   p_{t+1} = p_t - lr * g_t / (sqrt(v_t) + eps)
// Like AdaGrad, but the squared gradients are a moving average, so steps do not die out.
struct RmsPropRule {
  struct State {
    double square_avg = 0.0;
  };
  double lr, alpha, eps, weight_decay;

  void start_step(double) {}
  double next(double p, double g, State& s) const {
    const double grad = weight_decay != 0.0 ? torch_ops::add(g, p, weight_decay) : g;
    s.square_avg = torch_ops::addcmul(s.square_avg * alpha, grad, grad, 1.0 - alpha);
    const double avg = std::sqrt(s.square_avg) + eps;
    return torch_ops::addcdiv(p, grad, avg, -lr);
  }
};

class RmsProp final : public CoordinateRuleOptimizer<RmsPropRule> {
 public:
  RmsProp();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<RmsProp>(*this); }

 private:
  RmsPropRule rule() const override;
};

}  // namespace losscape
