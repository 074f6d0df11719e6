#include "engine/core/optimizers/adabelief.hpp"

namespace losscape {
namespace {
enum { kLr, kBeta1, kBeta2, kEps };
}

AdaBelief::AdaBelief() : CoordinateRuleOptimizer("adabelief", "AdaBelief") { init_parameters(); }

// eps defaults to 1e-16, as the paper's reference implementation (adabelief-pytorch 0.2) does.
const std::vector<ParameterSpec>& AdaBelief::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.001, 0.0, 10.0, true, true, "learning rate: about the largest step AdaBelief takes per coordinate"},
      {"beta1", 0.9, 0.0, 0.9999, false, false, "decay of the gradient's moving average (momentum)"},
      {"beta2", 0.999, 0.0, 0.99999, false, false, "decay of the average of (gradient - momentum)^2"},
      {"eps", 1e-16, 0.0, 1.0, false, true, "added to s_t and to the denominator so it is never zero"},
  };
  return table;
}

AdaBeliefRule AdaBelief::rule() const {
  return {.lr = value_at(kLr), .beta1 = value_at(kBeta1), .beta2 = value_at(kBeta2), .eps = value_at(kEps)};
}

}  // namespace losscape
