#include "engine/core/optimizers/adabelief.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kBeta1, kBeta2, kEps };
}

AdaBelief::AdaBelief() : CoordinateRuleOptimizer("adabelief", "AdaBelief") { init_parameters(); }

// eps defaults to 1e-16, as the paper's reference implementation (adabelief-pytorch 0.2) does.
const std::vector<ParameterSpec>& AdaBelief::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.001, 0.0, 10.0, true, true, "learning rate: about the largest step AdaBelief takes per coordinate"},
      {"beta1", 0.9, 0.0, 0.9999, false, false, "decay of the gradient's moving average (momentum)"},
      {"beta2", 0.999, 0.0, 0.99999, false, false, "decay of the average of (gradient - momentum)^2"},
      {"eps", 1e-16, 0.0, 1.0, false, true, "added to s_t and to the denominator so it is never zero"},
  };
  return table;
}

AdaBeliefRule AdaBelief::rule() const {
  return {.lr = value_at(kLr), .beta1 = value_at(kBeta1), .beta2 = value_at(kBeta2), .eps = value_at(kEps)};
}

const RuleTable<AdaBeliefRule>& AdaBeliefRule::explanation() {
  using R = AdaBeliefRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"m = beta1*m + (1-beta1)*g", [](const R&, const Step& s) { return s.after.exp_avg; }},
          {"s = beta2*s + (1-beta2)*(g-m)^2 + eps", [](const R&, const Step& s) { return s.after.exp_avg_var; }},
          {"bc1 = 1 - beta1^t", [](const R& r, const Step&) { return r.correction1; }, true},
          {"bc2 = 1 - beta2^t", [](const R& r, const Step&) { return r.correction2; }, true},
          {"p_new = p - lr * (m/bc1) / (sqrt(s/bc2) + eps)", [](const R&, const Step& s) { return s.next; }},
      }),
      gradient_and_step_arrows<R>({
          {"-m", TermRole::momentum, TermUnits::gradient, [](const R&, const Step& s) { return -s.after.exp_avg; }},
          {"-(m/bc1)/(sqrt(s/bc2)+eps)", TermRole::scaled, TermUnits::none,
           [](const R& r, const Step& s) {
             return -(s.after.exp_avg / r.correction1) / (std::sqrt(s.after.exp_avg_var / r.correction2) + r.eps);
           }},
      }),
  };
  return table;
}

template class RuleLanes<AdaBeliefRule>;

}  // namespace losscape
