#include "engine/core/optimizers/gradient_descent.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kWeightDecay, kMaximize };
}

GradientDescent::GradientDescent() : CoordinateRuleOptimizer("gd", "Gradient descent") { init_parameters(); }

const std::vector<ParameterSpec>& GradientDescent::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the step is lr times the negative gradient"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false,
       "L2 penalty: adds weight_decay * p to the gradient (pulls towards the origin)"},
      maximize_parameter(),
  };
  return table;
}

GradientDescentRule GradientDescent::rule() const {
  return {.lr = value_at(kLr), .weight_decay = value_at(kWeightDecay), .maximize = value_at(kMaximize) != 0.0};
}

std::unique_ptr<Optimizer> GradientDescent::clone() const { return std::make_unique<GradientDescent>(*this); }

const RuleTable<GradientDescentRule>& GradientDescentRule::explanation() {
  using R = GradientDescentRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({{"p_new = p - lr*g", [](const R&, const Step& s) { return s.next; }}}),
      gradient_and_step_arrows<R>({}),
  };
  return table;
}

template class RuleLanes<GradientDescentRule>;

}  // namespace losscape
