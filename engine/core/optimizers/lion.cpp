#include "engine/core/optimizers/lion.hpp"

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

}  // namespace losscape
