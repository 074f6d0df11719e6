#include "engine/core/optimizers/adagrad.hpp"

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

}  // namespace losscape
