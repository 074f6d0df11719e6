#include "engine/core/optimizers/sgd_momentum.hpp"

namespace losscape {
namespace {
enum { kLr, kMomentum, kWeightDecay };
}

SgdMomentum::SgdMomentum(bool nesterov)
    : CoordinateRuleOptimizer(nesterov ? "nesterov" : "momentum", nesterov ? "Nesterov" : "Momentum"),
      nesterov_(nesterov) {
  init_parameters();
}

const std::vector<ParameterSpec>& SgdMomentum::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: each step moves lr times the momentum buffer"},
      {"momentum", 0.9, 0.0, 0.999, false, false,
       "mu: how much of the previous direction carries over (0 = plain gradient descent)"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false,
       "L2 penalty: adds weight_decay * p to the gradient (pulls towards the origin)"},
  };
  return table;
}

MomentumRule SgdMomentum::rule() const {
  return {
      .lr = value_at(kLr), .mu = value_at(kMomentum), .weight_decay = value_at(kWeightDecay), .nesterov = nesterov_};
}

}  // namespace losscape
