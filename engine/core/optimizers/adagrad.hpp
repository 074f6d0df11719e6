#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// AdaGrad, as torch.optim.Adagrad (lr_decay = 0, initial_accumulator_value = 0), mirroring
// torch 1.13's _single_tensor_adagrad:
//   g_t = grad f(p_t) + weight_decay * p_t
//   s_t = s_{t-1} + g_t * g_t                       (s_0 = 0)
//   p_{t+1} = p_t - lr * g_t / (sqrt(s_t) + eps)
// Each coordinate's step shrinks with its own accumulated gradient.
struct AdagradRule {
  struct State {
    double sum = 0.0;
  };
  double lr, eps, weight_decay;

  void start_step(double) {}
  double next(double p, double g, State& s) const {
    const double grad = weight_decay != 0.0 ? torch_ops::add(g, p, weight_decay) : g;
    const double clr = lr;  // torch: lr / (1 + (step - 1) * lr_decay), and lr_decay is 0
    s.sum = torch_ops::addcmul(s.sum, grad, grad, 1.0);
    const double std_dev = std::sqrt(s.sum) + eps;
    return torch_ops::addcdiv(p, grad, std_dev, -clr);
  }
};

class Adagrad final : public CoordinateRuleOptimizer<AdagradRule> {
 public:
  Adagrad();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Adagrad>(*this); }

 private:
  AdagradRule rule() const override;
};

}  // namespace losscape
