#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

namespace losscape {

// signSGD, as Bernstein et al. 2018 ("signSGD: Compressed Optimisation for Non-Convex Problems",
// ICML 2018, Algorithm 1): a step of lr in each coordinate against the gradient's sign.
//   p_{t+1} = p_t - lr * sign(g_t)        (sign(0) = 0: a coordinate with zero gradient stays)
struct SignSgdRule {
  struct State {};
  double lr;

  void start_step(double) {}
  double next(double p, double g, State&) const { return p - lr * torch_ops::sign(g); }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<SignSgdRule>& explanation();
};

class SignSgd final : public CoordinateRuleOptimizer<SignSgdRule> {
 public:
  SignSgd();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<SignSgd>(*this); }

 private:
  SignSgdRule rule() const override;
};

// Signum, the same paper's Algorithm 3: signSGD on a momentum.
//   m_t = beta * m_{t-1} + (1 - beta) * g_t        (m_0 = 0)
//   p_{t+1} = p_t - lr * sign(m_t)                 (sign(0) = 0)
struct SignumRule {
  struct State {
    double momentum = 0.0;
  };
  double lr, beta;

  void start_step(double) {}
  double next(double p, double g, State& s) const {
    s.momentum = beta * s.momentum + (1.0 - beta) * g;
    return p - lr * torch_ops::sign(s.momentum);
  }
  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<SignumRule>& explanation();
};

class Signum final : public CoordinateRuleOptimizer<SignumRule> {
 public:
  Signum();
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Signum>(*this); }

 private:
  SignumRule rule() const override;
};

extern template class RuleLanes<SignSgdRule>;  // compiled in signsgd.cpp only (coordinate_rule.hpp)
extern template class RuleLanes<SignumRule>;   // compiled in signsgd.cpp only (coordinate_rule.hpp)

}  // namespace losscape
