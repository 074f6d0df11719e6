#include "engine/core/optimizers/gradient_descent.hpp"

namespace losscape {

GradientDescent::GradientDescent() : CoordinateRuleOptimizer("gd", "Gradient descent") { init_parameters(); }

const std::vector<ParameterSpec>& GradientDescent::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the step is lr times the negative gradient"},
  };
  return table;
}

std::unique_ptr<Optimizer> GradientDescent::clone() const { return std::make_unique<GradientDescent>(*this); }

}  // namespace losscape
