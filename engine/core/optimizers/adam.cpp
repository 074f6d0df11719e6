#include "engine/core/optimizers/adam.hpp"

namespace losscape {
namespace {

enum { kLr, kBeta1, kBeta2, kEps, kWeightDecay, kAmsgrad, kMaximize };

std::vector<ParameterSpec> make_table(double default_weight_decay, const char* weight_decay_help) {
  return {
      {"lr", 0.001, 0.0, 10.0, true, true, "learning rate: about the largest step Adam takes per coordinate"},
      {"beta1", 0.9, 0.0, 0.9999, false, false, "decay of the gradient's moving average (momentum)"},
      {"beta2", 0.999, 0.0, 0.99999, false, false, "decay of the squared gradient's moving average (step scaling)"},
      {"eps", 1e-8, 0.0, 1.0, false, true, "added to the denominator so it is never zero"},
      {"weight_decay", default_weight_decay, 0.0, 10.0, false, false, weight_decay_help},
      boolean_parameter("amsgrad", "1: divide by the largest squared-gradient average so far (AMSGrad), so steps "
                                   "never grow from a shrinking average"),
      maximize_parameter(),
  };
}

}  // namespace

Adam::Adam(bool decoupled_weight_decay)
    : CoordinateRuleOptimizer(decoupled_weight_decay ? "adamw" : "adam", decoupled_weight_decay ? "AdamW" : "Adam"),
      decoupled_(decoupled_weight_decay) {
  init_parameters();
}

const std::vector<ParameterSpec>& Adam::parameter_table() const {
  static const std::vector<ParameterSpec> adam = make_table(0.0, "L2 penalty: adds weight_decay * p to the gradient");
  static const std::vector<ParameterSpec> adamw =
      make_table(0.01, "decoupled decay: shrinks p by (1 - lr * weight_decay) each step, outside the Adam scaling");
  return decoupled_ ? adamw : adam;
}

AdamRule Adam::rule() const {
  return {.lr = value_at(kLr),
          .beta1 = value_at(kBeta1),
          .beta2 = value_at(kBeta2),
          .eps = value_at(kEps),
          .weight_decay = value_at(kWeightDecay),
          .decoupled = decoupled_,
          .amsgrad = value_at(kAmsgrad) != 0.0,
          .maximize = value_at(kMaximize) != 0.0};
}

}  // namespace losscape
