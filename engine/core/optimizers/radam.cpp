#include "engine/core/optimizers/radam.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kBeta1, kBeta2, kEps, kWeightDecay };
}

RAdam::RAdam() : CoordinateRuleOptimizer("radam", "RAdam") { init_parameters(); }

const std::vector<ParameterSpec>& RAdam::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.001, 0.0, 10.0, true, true, "learning rate: about the largest step RAdam takes per coordinate"},
      {"beta1", 0.9, 0.0, 0.9999, false, false, "decay of the gradient's moving average (momentum)"},
      {"beta2", 0.999, 0.0, 0.99999, false, false,
       "decay of the squared gradient's moving average (also sets how long the warm-up lasts)"},
      {"eps", 1e-8, 0.0, 1.0, false, true, "added to the denominator so it is never zero"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "L2 penalty: adds weight_decay * p to the gradient"},
  };
  return table;
}

RAdamRule RAdam::rule() const {
  return {.lr = value_at(kLr),
          .beta1 = value_at(kBeta1),
          .beta2 = value_at(kBeta2),
          .eps = value_at(kEps),
          .weight_decay = value_at(kWeightDecay)};
}

const RuleTable<RAdamRule>& RAdamRule::explanation() {
  using R = RAdamRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"m = beta1*m + (1-beta1)*g", [](const R&, const Step& s) { return s.after.exp_avg; }},
          {"v = beta2*v + (1-beta2)*g^2", [](const R&, const Step& s) { return s.after.exp_avg_sq; }},
          {"bc1 = 1 - beta1^t", [](const R& r, const Step&) { return r.bias_correction1; }, true},
          {"m_hat = m / bc1", [](const R& r, const Step& s) { return s.after.exp_avg / r.bias_correction1; }},
          {"r = sqrt((rho_t-4)(rho_t-2)rho_inf / ((rho_inf-4)(rho_inf-2)rho_t))",
           [](const R& r, const Step&) { return r.rect; }, true, [](const R& r) { return r.rectified; }},
          {"p_new = p - lr * m_hat * r * sqrt(1-beta2^t) / (sqrt(v)+eps)",
           [](const R&, const Step& s) { return s.next; }, false, [](const R& r) { return r.rectified; }},
          {"p_new = p - lr * m_hat  (rho_t <= 5: v not used yet)", [](const R&, const Step& s) { return s.next; },
           false, [](const R& r) { return !r.rectified; }},
      }),
      gradient_and_step_arrows<R>(
          {{"-m", TermRole::momentum, TermUnits::gradient, [](const R&, const Step& s) { return -s.after.exp_avg; }}}),
  };
  return table;
}

template class RuleLanes<RAdamRule>;

}  // namespace losscape
