#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

#include <cmath>

namespace losscape {

// AdaBelief, as Zhuang et al. 2020 ("AdaBelief Optimizer: Adapting Stepsizes by the Belief in
// Observed Gradients", NeurIPS 2020, Algorithm 2): Adam with the squared gradient replaced by the
// squared distance of the gradient from its moving average (the "belief").
//   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t                          (m_0 = 0)
//   s_t = beta2 * s_{t-1} + (1 - beta2) * (g_t - m_t)^2 + eps          (s_0 = 0)
//   p_{t+1} = p_t - lr * (m_t / (1 - beta1^t)) / (sqrt(s_t / (1 - beta2^t)) + eps)
struct AdaBeliefRule {
  struct State {
    double exp_avg = 0.0, exp_avg_var = 0.0;
  };
  double lr, beta1, beta2, eps;
  double correction1 = 1.0, correction2 = 1.0;  // of the current step

  void start_step(double t) {
    correction1 = 1.0 - std::pow(beta1, t);
    correction2 = 1.0 - std::pow(beta2, t);
  }
  double next(double p, double g, State& s) const {
    s.exp_avg = beta1 * s.exp_avg + (1.0 - beta1) * g;
    const double belief = g - s.exp_avg;
    s.exp_avg_var = beta2 * s.exp_avg_var + (1.0 - beta2) * belief * belief + eps;
    return p - lr * (s.exp_avg / correction1) / (std::sqrt(s.exp_avg_var / correction2) + eps);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<AdaBeliefRule>& explanation();
};

class AdaBelief final : public CoordinateRuleOptimizer<AdaBeliefRule> {
 public:
  AdaBelief();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<AdaBelief>(*this); }

 private:
  AdaBeliefRule rule() const override;
};

extern template class RuleLanes<AdaBeliefRule>;  // compiled in adabelief.cpp only (coordinate_rule.hpp)

}  // namespace losscape
