#include "engine/core/optimizers/asgd.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kLambd, kAlpha, kT0, kWeightDecay, kMaximize };
}

Asgd::Asgd() : CoordinateRuleOptimizer("asgd", "ASGD") { init_parameters(); }

const std::vector<ParameterSpec>& Asgd::parameter_table() const {
  // torch checks only lr and weight_decay; the other ranges keep the step size eta finite and
  // shrinking (lambd, alpha >= 0) and t0 a step count.
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the first step size eta"},
      {"lambd", 1e-4, 0.0, 10.0, false, true, "decay term: shrinks p by (1 - lambd * eta) and slows eta's decay"},
      {"alpha", 0.75, 0.0, 2.0, false, false, "power of eta's decay: eta = lr / (1 + lambd * lr * t)^alpha"},
      {"t0", 1e6, 0.0, 1e9, false, true, "the step after which averaging starts (the average is the point before)"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "L2 penalty: adds weight_decay * p to the gradient"},
      maximize_parameter(),
  };
  return table;
}

AsgdRule Asgd::rule() const {
  return {.lr = value_at(kLr),
          .lambd = value_at(kLambd),
          .alpha = value_at(kAlpha),
          .t0 = value_at(kT0),
          .weight_decay = value_at(kWeightDecay),
          .maximize = value_at(kMaximize) != 0.0};
}

const RuleTable<AsgdRule>& AsgdRule::explanation() {
  using R = AsgdRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"eta = lr / (1 + lambd*lr*(t-1))^alpha  (float32)", [](const R& r, const Step&) { return r.eta; }, true},
          {"p_new = p*(1 - lambd*eta) - eta*g", [](const R&, const Step& s) { return s.next; }},
          {"mu = 1 / max(1, t-1-t0)  (float32)", [](const R& r, const Step&) { return r.mu; }, true},
          {"ax = ax + mu*(p_new - ax)", [](const R&, const Step& s) { return s.after.ax; }},
      }),
      gradient_and_step_arrows<R>({}),
  };
  return table;
}

template class RuleLanes<AsgdRule>;

}  // namespace losscape
