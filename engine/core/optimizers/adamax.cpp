#include "engine/core/optimizers/adamax.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kBeta1, kBeta2, kEps, kWeightDecay, kMaximize };
}

Adamax::Adamax() : CoordinateRuleOptimizer("adamax", "Adamax") { init_parameters(); }

const std::vector<ParameterSpec>& Adamax::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.002, 0.0, 10.0, true, true, "learning rate: about the largest step Adamax takes per coordinate"},
      {"beta1", 0.9, 0.0, 0.9999, false, false, "decay of the gradient's moving average (momentum)"},
      {"beta2", 0.999, 0.0, 0.99999, false, false, "decay of the running maximum of |gradient| (step scaling)"},
      {"eps", 1e-8, 0.0, 1.0, false, true, "added to |gradient| so the denominator is never zero"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "L2 penalty: adds weight_decay * p to the gradient"},
      maximize_parameter(),
  };
  return table;
}

AdamaxRule Adamax::rule() const {
  return {.lr = value_at(kLr),
          .beta1 = value_at(kBeta1),
          .beta2 = value_at(kBeta2),
          .eps = value_at(kEps),
          .weight_decay = value_at(kWeightDecay),
          .maximize = value_at(kMaximize) != 0.0};
}

const RuleTable<AdamaxRule>& AdamaxRule::explanation() {
  using R = AdamaxRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"m = beta1*m + (1-beta1)*g", [](const R&, const Step& s) { return s.after.exp_avg; }},
          {"u = max(beta2*u, |g| + eps)", [](const R&, const Step& s) { return s.after.exp_inf; }},
          {"clr = lr / (1 - beta1^t)", [](const R& r, const Step&) { return r.clr; }, true},
          {"p_new = p - clr * m / u", [](const R&, const Step& s) { return s.next; }},
      }),
      gradient_and_step_arrows<R>({
          {"-m", TermRole::momentum, TermUnits::gradient, [](const R&, const Step& s) { return -s.after.exp_avg; }},
          {"-m/u", TermRole::scaled, TermUnits::none,
           [](const R&, const Step& s) { return -s.after.exp_avg / s.after.exp_inf; }},
      }),
  };
  return table;
}

template class RuleLanes<AdamaxRule>;

}  // namespace losscape
