#include "engine/core/optimizers/adadelta.hpp"

namespace losscape {
namespace {
enum { kLr, kRho, kEps, kWeightDecay, kMaximize };
}

Adadelta::Adadelta() : CoordinateRuleOptimizer("adadelta", "Adadelta") { init_parameters(); }

const std::vector<ParameterSpec>& Adadelta::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 1.0, 0.0, 10.0, true, true, "scales the step Adadelta computes (1 = Adadelta as published)"},
      {"rho", 0.9, 0.0, 1.0, false, false, "decay of the squared gradients' and squared steps' moving averages"},
      {"eps", 1e-6, 0.0, 1.0, false, true, "added inside both square roots: also sets the size of the first steps"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "L2 penalty: adds weight_decay * p to the gradient"},
      maximize_parameter(),
  };
  return table;
}

AdadeltaRule Adadelta::rule() const {
  return {.lr = value_at(kLr),
          .rho = value_at(kRho),
          .eps = value_at(kEps),
          .weight_decay = value_at(kWeightDecay),
          .maximize = value_at(kMaximize) != 0.0};
}

}  // namespace losscape
