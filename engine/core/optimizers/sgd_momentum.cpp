#include "engine/core/optimizers/sgd_momentum.hpp"

#include <cmath>

namespace losscape {

SgdMomentum::SgdMomentum(bool nesterov)
    : CoordinateRuleOptimizer(nesterov ? "nesterov" : "momentum", nesterov ? "Nesterov" : "Momentum"),
      nesterov_(nesterov) {
  init_parameters();
}

const std::vector<ParameterSpec>& SgdMomentum::parameter_table() const {
  static const ParameterSpec lr = {
      "lr", 0.01, 0.0, 10.0, true, true, "learning rate: each step moves lr times the momentum buffer"};
  static const ParameterSpec momentum = {"momentum",
                                         0.9,
                                         0.0,
                                         0.999,
                                         false,
                                         false,
                                         "mu: how much of the previous direction carries over (0 = plain gradient "
                                         "descent)"};
  static const ParameterSpec weight_decay = {"weight_decay",
                                             0.0,
                                             0.0,
                                             10.0,
                                             false,
                                             false,
                                             "L2 penalty: adds weight_decay * p to the gradient (pulls towards the "
                                             "origin)"};
  static const ParameterSpec dampening = {"dampening",
                                          0.0,
                                          0.0,
                                          1.0,
                                          false,
                                          false,
                                          "each new gradient enters the buffer times (1 - dampening), from the "
                                          "second step on"};
  static const ParameterSpec maximize = maximize_parameter();
  static const std::vector<ParameterSpec> momentum_table = {lr, momentum, weight_decay, dampening, maximize};
  static const std::vector<ParameterSpec> nesterov_table = {lr, momentum, weight_decay, maximize};
  return nesterov_ ? nesterov_table : momentum_table;
}

MomentumRule SgdMomentum::rule() const {
  return {.lr = parameter("lr"),
          .mu = parameter("momentum"),
          .weight_decay = parameter("weight_decay"),
          .dampening = nesterov_ ? 0.0 : parameter("dampening"),
          .nesterov = nesterov_,
          .maximize = parameter("maximize") != 0.0};
}

const RuleTable<MomentumRule>& MomentumRule::explanation() {
  using R = MomentumRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"b = mu*b + (1-dampening)*g  (b = g at t=1)", [](const R&, const Step& s) { return s.after.buffer; }, false,
           [](const R& r) { return r.mu != 0.0; }},
          {"d = g + mu*b",
           [](const R& r, const Step& s) { return torch_ops::add(torch_gradient(r, s), s.after.buffer, r.mu); }, false,
           [](const R& r) { return r.mu != 0.0 && r.nesterov; }},
          {"p_new = p - lr*g", [](const R&, const Step& s) { return s.next; }, false,
           [](const R& r) { return r.mu == 0.0; }},
          {"p_new = p - lr*b", [](const R&, const Step& s) { return s.next; }, false,
           [](const R& r) { return r.mu != 0.0 && !r.nesterov; }},
          {"p_new = p - lr*d", [](const R&, const Step& s) { return s.next; }, false,
           [](const R& r) { return r.mu != 0.0 && r.nesterov; }},
      }),
      gradient_and_step_arrows<R>(
          {{"-b", TermRole::momentum, TermUnits::gradient, [](const R&, const Step& s) { return -s.after.buffer; },
            [](const R& r) { return r.mu != 0.0; }}}),
  };
  return table;
}

template class RuleLanes<MomentumRule>;

}  // namespace losscape
