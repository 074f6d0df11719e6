#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// Plain gradient descent, as torch.optim.SGD with momentum = 0, mirroring torch 1.13's
// _single_tensor_sgd:
//   g_t = grad f(p_t) (its negative if maximize) + weight_decay * p_t
//   p_{t+1} = p_t - lr * g_t
struct GradientDescentRule {
  struct State {};
  double lr = 0.01, weight_decay = 0.0;
  bool maximize = false;
  void start_step(double) {}
  // torch: d_p.add(param, alpha=weight_decay), param.add_(d_p, alpha=-lr): fused multiply-adds
  // (see torch_ops.hpp).
  double next(double p, double g, State&) const {
    double d_p = maximize ? -g : g;
    if (weight_decay != 0.0) d_p = torch_ops::add(d_p, p, weight_decay);
    return torch_ops::add(p, d_p, -lr);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<GradientDescentRule>& explanation();
};

class GradientDescent final : public CoordinateRuleOptimizer<GradientDescentRule> {
 public:
  GradientDescent();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override;
  glm::dvec2 velocity() const override { return {0.0, 0.0}; }  // no memory, nothing to draw

 private:
  GradientDescentRule rule() const override;
};

extern template class RuleLanes<GradientDescentRule>;  // compiled in gradient_descent.cpp only (coordinate_rule.hpp)

}  // namespace losscape
