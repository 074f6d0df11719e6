#include "engine/core/optimizers/adagrad.hpp"

namespace losscape {
namespace {
enum { kLr, kEps, kWeightDecay };
}

Adagrad::Adagrad() : CoordinateRuleOptimizer("adagrad", "AdaGrad") { init_parameters(); }

const std::vector<ParameterSpec>& Adagrad::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the step before the per-coordinate scaling"},
      {"eps", 1e-10, 0.0, 1.0, false, true, "added to the denominator so it is never zero"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "L2 penalty: adds weight_decay * p to the gradient"},
  };
  return table;
}

AdagradRule Adagrad::rule() const {
  return {.lr = value_at(kLr), .eps = value_at(kEps), .weight_decay = value_at(kWeightDecay)};
}

}  // namespace losscape
