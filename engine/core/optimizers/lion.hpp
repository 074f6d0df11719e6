#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// Lion, as Chen et al. 2023 ("Symbolic Discovery of Optimization Algorithms", NeurIPS 2023,
// Algorithm 2): a sign step on an interpolation of the momentum and the gradient, with a
// momentum that decays more slowly than the interpolation.
//   c_t = beta1 * m_{t-1} + (1 - beta1) * g_t                (m_0 = 0)
//   p_{t+1} = p_t - lr * (sign(c_t) + weight_decay * p_t)     (sign(0) = 0)
//   m_t = beta2 * m_{t-1} + (1 - beta2) * g_t
struct LionRule {
  struct State {
    double exp_avg = 0.0;
  };
  double lr, beta1, beta2, weight_decay;
  // Its weight decay is in the update, not the gradient (as AdamW's): the Step section says so.
  static constexpr bool decoupled = true;

  void start_step(double) {}
  double next(double p, double g, State& s) const {
    const double c = beta1 * s.exp_avg + (1.0 - beta1) * g;
    s.exp_avg = beta2 * s.exp_avg + (1.0 - beta2) * g;
    return p - lr * (torch_ops::sign(c) + weight_decay * p);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<LionRule>& explanation();
};

class Lion final : public CoordinateRuleOptimizer<LionRule> {
 public:
  Lion();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Lion>(*this); }

 private:
  LionRule rule() const override;
};

extern template class RuleLanes<LionRule>;  // compiled in lion.cpp only (coordinate_rule.hpp)

}  // namespace losscape
