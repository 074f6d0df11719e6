#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// Plain gradient descent, as torch.optim.SGD with momentum = 0:
//   p_{t+1} = p_t - lr * grad f(p_t)
struct GradientDescentRule {
  struct State {};
  double lr = 0.01;
  void start_step(double) {}
  // torch: param.add_(grad, alpha=-lr), a fused multiply-add (see torch_ops.hpp).
  double next(double p, double g, State&) const { return torch_ops::add(p, g, -lr); }
};

class GradientDescent final : public CoordinateRuleOptimizer<GradientDescentRule> {
 public:
  GradientDescent();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override;
  glm::dvec2 velocity() const override { return {0.0, 0.0}; }  // no memory, nothing to draw

 private:
  GradientDescentRule rule() const override { return {value_at(0)}; }
};

}  // namespace losscape
