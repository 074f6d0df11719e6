#include "engine/core/optimizers/lion.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kBeta1, kBeta2, kWeightDecay };
}

Lion::Lion() : CoordinateRuleOptimizer("lion", "Lion") { init_parameters(); }

// lr defaults to 0.01, not the paper's 1e-4: every step moves each coordinate by exactly lr, and
// at 1e-4 a ball would take tens of thousands of steps to cross a gallery function's domain.
const std::vector<ParameterSpec>& Lion::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the size of every step in each coordinate"},
      {"beta1", 0.9, 0.0, 1.0, false, false, "weight of the momentum in the direction of this step"},
      {"beta2", 0.99, 0.0, 1.0, false, false, "decay of the gradient's moving average (momentum)"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "decoupled decay: subtracts lr * weight_decay * p"},
  };
  return table;
}

LionRule Lion::rule() const {
  return {.lr = value_at(kLr),
          .beta1 = value_at(kBeta1),
          .beta2 = value_at(kBeta2),
          .weight_decay = value_at(kWeightDecay)};
}

namespace {

double interpolation(const LionRule& r, const CoordinateStep<LionRule>& s) {
  return r.beta1 * s.before.exp_avg + (1.0 - r.beta1) * s.g;
}

}  // namespace

const RuleTable<LionRule>& LionRule::explanation() {
  using R = LionRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"c = beta1*m + (1-beta1)*g", [](const R& r, const Step& s) { return interpolation(r, s); }},
          {"p_new = p - lr*(sign(c) + weight_decay*p)", [](const R&, const Step& s) { return s.next; }},
          {"m = beta2*m + (1-beta2)*g", [](const R&, const Step& s) { return s.after.exp_avg; }},
      }),
      gradient_and_step_arrows<R>({
          {"-c", TermRole::momentum, TermUnits::gradient,
           [](const R& r, const Step& s) { return -interpolation(r, s); }},
          {"-sign(c)", TermRole::scaled, TermUnits::none,
           [](const R& r, const Step& s) { return -torch_ops::sign(interpolation(r, s)); }},
      }),
  };
  return table;
}

template class RuleLanes<LionRule>;

}  // namespace losscape
