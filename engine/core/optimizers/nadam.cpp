#include "engine/core/optimizers/nadam.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kBeta1, kBeta2, kEps, kWeightDecay, kMomentumDecay };
}

NAdam::NAdam() : CoordinateRuleOptimizer("nadam", "NAdam") { init_parameters(); }

const std::vector<ParameterSpec>& NAdam::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.002, 0.0, 10.0, true, true, "learning rate: about the largest step NAdam takes per coordinate"},
      {"beta1", 0.9, 0.0, 0.9999, false, false, "decay of the gradient's moving average (momentum)"},
      {"beta2", 0.999, 0.0, 0.99999, false, false, "decay of the squared gradient's moving average (step scaling)"},
      {"eps", 1e-8, 0.0, 1.0, false, true, "added to the denominator so it is never zero"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "L2 penalty: adds weight_decay * p to the gradient"},
      {"momentum_decay", 0.004, 0.0, 1.0, false, true,
       "how fast the momentum schedule rises from beta1/2 towards beta1 (psi)"},
  };
  return table;
}

NAdamRule NAdam::rule() const {
  return {.lr = value_at(kLr),
          .beta1 = value_at(kBeta1),
          .beta2 = value_at(kBeta2),
          .eps = value_at(kEps),
          .weight_decay = value_at(kWeightDecay),
          .momentum_decay = value_at(kMomentumDecay)};
}

const RuleTable<NAdamRule>& NAdamRule::explanation() {
  using R = NAdamRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"mu_t = beta1*(1 - 0.5*0.96^(t*momentum_decay))", [](const R& r, const Step&) { return r.mu; }, true},
          {"mu_t+1 = beta1*(1 - 0.5*0.96^((t+1)*momentum_decay))", [](const R& r, const Step&) { return r.mu_next; },
           true},
          {"P = P * mu_t  (float32)", [](const R&, const Step& s) { return s.after.mu_product; }, true},
          {"m = beta1*m + (1-beta1)*g", [](const R&, const Step& s) { return s.after.exp_avg; }},
          {"v = beta2*v + (1-beta2)*g^2", [](const R&, const Step& s) { return s.after.exp_avg_sq; }},
          {"d = sqrt(v / (1 - beta2^t)) + eps",
           [](const R& r, const Step& s) { return std::sqrt(s.after.exp_avg_sq / r.bias_correction2) + r.eps; }},
          {"p_new = p - lr*(1-mu_t)/(1-P) * g/d - lr*mu_t+1/(1-P*mu_t*mu_t+1) * m/d",
           [](const R&, const Step& s) { return s.next; }},
      }),
      gradient_and_step_arrows<R>(
          {{"-m", TermRole::momentum, TermUnits::gradient, [](const R&, const Step& s) { return -s.after.exp_avg; }}}),
  };
  return table;
}

template class RuleLanes<NAdamRule>;

}  // namespace losscape
