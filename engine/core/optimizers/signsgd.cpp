#include "engine/core/optimizers/signsgd.hpp"

namespace losscape {

SignSgd::SignSgd() : CoordinateRuleOptimizer("signsgd", "signSGD") { init_parameters(); }

const std::vector<ParameterSpec>& SignSgd::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the size of every step in each coordinate"},
  };
  return table;
}

SignSgdRule SignSgd::rule() const { return {.lr = value_at(0)}; }

Signum::Signum() : CoordinateRuleOptimizer("signum", "Signum") { init_parameters(); }

const std::vector<ParameterSpec>& Signum::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the size of every step in each coordinate"},
      {"beta", 0.9, 0.0, 1.0, false, false, "decay of the gradient's moving average (momentum)"},
  };
  return table;
}

SignumRule Signum::rule() const { return {.lr = value_at(0), .beta = value_at(1)}; }

}  // namespace losscape
