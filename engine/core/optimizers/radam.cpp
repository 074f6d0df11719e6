#include "engine/core/optimizers/radam.hpp"

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

}  // namespace losscape
