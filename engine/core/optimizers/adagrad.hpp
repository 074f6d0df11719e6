#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// AdaGrad, as torch.optim.Adagrad, mirroring torch 1.13's _single_tensor_adagrad:
//   g_t = grad f(p_t) (its negative if maximize) + weight_decay * p_t
//   s_t = s_{t-1} + g_t * g_t                       (s_0 = initial_accumulator_value)
//   clr_t = lr / (1 + (t - 1) * lr_decay)
//   p_{t+1} = p_t - clr_t * g_t / (sqrt(s_t) + eps)
// Each coordinate's step shrinks with its own accumulated gradient.
struct AdagradRule {
  struct State {
    double sum = 0.0;
  };
  double lr, eps, weight_decay, lr_decay = 0.0, initial_accumulator_value = 0.0;
  bool maximize = false;
  double clr = 0.0;   // of the current step
  bool first = true;  // a fresh State's sum (0) is to become initial_accumulator_value

  void start_step(double t) {
    first = t == 1.0;
    clr = lr / (1.0 + (t - 1.0) * lr_decay);  // Python floats: no fused multiply-add
  }
  double next(double p, double g, State& s) const {
    double grad = maximize ? -g : g;
    if (weight_decay != 0.0) grad = torch_ops::add(grad, p, weight_decay);
    if (first) s.sum = initial_accumulator_value;
    s.sum = torch_ops::addcmul(s.sum, grad, grad, 1.0);
    const double std_dev = std::sqrt(s.sum) + eps;
    return torch_ops::addcdiv(p, grad, std_dev, -clr);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<AdagradRule>& explanation();
};

class Adagrad final : public CoordinateRuleOptimizer<AdagradRule> {
 public:
  Adagrad();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Adagrad>(*this); }

 private:
  AdagradRule rule() const override;
};

extern template class RuleLanes<AdagradRule>;  // compiled in adagrad.cpp only (coordinate_rule.hpp)

}  // namespace losscape
