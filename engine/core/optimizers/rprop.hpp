#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// Rprop (resilient backpropagation), as torch.optim.Rprop, mirroring torch 1.13's
// _single_tensor_rprop. Only the gradient's sign is used; each coordinate has its own step size:
//   s = g_t * g'_{t-1}:  s > 0: step_t = step_{t-1} * eta_plus    (same direction: speed up)
//                        s < 0: step_t = step_{t-1} * eta_minus,  g'_t = 0  (overshot: slow down,
//                                                                  and do not move this step)
//                        s = 0: step_t = step_{t-1}
//   step_t clamped to [step_size_min, step_size_max];  step_0 = lr;  g'_t = g_t unless zeroed
//   p_{t+1} = p_t - sign(g'_t) * step_t
// with g_t = grad f(p_t), or its negative if maximize.
struct RpropRule {
  struct State {
    double prev = 0.0;       // g'_{t-1}
    double step_size = 0.0;  // torch starts it at lr (see `first`)
  };
  double lr, eta_minus, eta_plus, step_size_min, step_size_max;
  bool maximize = false;
  bool first = true;

  void start_step(double t) { first = t == 1.0; }
  double next(double p, double g, State& s) const {
    if (maximize) g = -g;
    const double agreement = g * s.prev;
    // torch maps sign(g * prev) to eta_plus, eta_minus or 1, then zeroes g where it is eta_minus.
    const double factor = agreement > 0.0 ? eta_plus : agreement < 0.0 ? eta_minus : 1.0;
    s.step_size = torch_ops::clamp((first ? lr : s.step_size) * factor, step_size_min, step_size_max);
    const double grad = factor == eta_minus ? 0.0 : g;
    s.prev = grad;
    return torch_ops::addcmul(p, torch_ops::sign(grad), s.step_size, -1.0);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<RpropRule>& explanation();
};

class Rprop final : public CoordinateRuleOptimizer<RpropRule> {
 public:
  Rprop();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Rprop>(*this); }

 private:
  RpropRule rule() const override;
};

extern template class RuleLanes<RpropRule>;  // compiled in rprop.cpp only (coordinate_rule.hpp)

}  // namespace losscape
