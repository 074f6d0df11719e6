#include "engine/core/optimizers/rmsprop.hpp"

namespace losscape {
namespace {
enum { kLr, kAlpha, kEps, kWeightDecay, kMomentum, kCentered, kMaximize };
}

RmsProp::RmsProp() : CoordinateRuleOptimizer("rmsprop", "RMSProp") { init_parameters(); }

const std::vector<ParameterSpec>& RmsProp::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the step before the per-coordinate scaling"},
      {"alpha", 0.99, 0.0, 0.9999, false, false,
       "smoothing of the squared-gradient average (closer to 1 = longer memory)"},
      {"eps", 1e-8, 0.0, 1.0, false, true, "added to the denominator so it is never zero"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "L2 penalty: adds weight_decay * p to the gradient"},
      {"momentum", 0.0, 0.0, 0.999, false, false,
       "how much of the previous scaled step carries over (0 = none, torch's default)"},
      boolean_parameter("centered", "1: divide by the gradient's variance (its mean's square taken off) "
                                    "rather than its mean square"),
      maximize_parameter(),
  };
  return table;
}

RmsPropRule RmsProp::rule() const {
  return {.lr = value_at(kLr),
          .alpha = value_at(kAlpha),
          .eps = value_at(kEps),
          .weight_decay = value_at(kWeightDecay),
          .momentum = value_at(kMomentum),
          .centered = value_at(kCentered) != 0.0,
          .maximize = value_at(kMaximize) != 0.0};
}

}  // namespace losscape
