#include "engine/core/optimizers/adagrad.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kEps, kWeightDecay, kLrDecay, kInitialAccumulatorValue, kMaximize };
}

Adagrad::Adagrad() : CoordinateRuleOptimizer("adagrad", "AdaGrad") { init_parameters(); }

const std::vector<ParameterSpec>& Adagrad::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the step before the per-coordinate scaling"},
      {"eps", 1e-10, 0.0, 1.0, false, true, "added to the denominator so it is never zero"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "L2 penalty: adds weight_decay * p to the gradient"},
      {"lr_decay", 0.0, 0.0, 1.0, false, true, "step t's learning rate is lr / (1 + (t - 1) * lr_decay)"},
      {"initial_accumulator_value", 0.0, 0.0, 10.0, false, false,
       "where the sum of squared gradients starts: larger damps the first steps"},
      maximize_parameter(),
  };
  return table;
}

AdagradRule Adagrad::rule() const {
  return {.lr = value_at(kLr),
          .eps = value_at(kEps),
          .weight_decay = value_at(kWeightDecay),
          .lr_decay = value_at(kLrDecay),
          .initial_accumulator_value = value_at(kInitialAccumulatorValue),
          .maximize = value_at(kMaximize) != 0.0};
}

namespace {

double scaled(const AdagradRule& r, const CoordinateStep<AdagradRule>& s) {
  return torch_gradient(r, s) / (std::sqrt(s.after.sum) + r.eps);
}

}  // namespace

const RuleTable<AdagradRule>& AdagradRule::explanation() {
  using R = AdagradRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"s = s + g^2", [](const R&, const Step& s) { return s.after.sum; }},
          {"clr = lr / (1 + (t-1)*lr_decay)", [](const R& r, const Step&) { return r.clr; }, true},
          {"g / (sqrt(s) + eps)", [](const R& r, const Step& s) { return scaled(r, s); }},
          {"p_new = p - clr * g / (sqrt(s) + eps)", [](const R&, const Step& s) { return s.next; }},
      }),
      gradient_and_step_arrows<R>({{"-g/(sqrt(s)+eps)", TermRole::scaled, TermUnits::none,
                                    [](const R& r, const Step& s) { return -scaled(r, s); }}}),
  };
  return table;
}

template class RuleLanes<AdagradRule>;

}  // namespace losscape
