#include "engine/core/optimizers/adadelta.hpp"

#include <cmath>

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

namespace {

double delta(const AdadeltaRule& r, const CoordinateStep<AdadeltaRule>& s) {
  return std::sqrt(s.before.acc_delta + r.eps) / std::sqrt(s.after.square_avg + r.eps) * torch_gradient(r, s);
}

}  // namespace

const RuleTable<AdadeltaRule>& AdadeltaRule::explanation() {
  using R = AdadeltaRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"v = rho*v + (1-rho)*g^2", [](const R&, const Step& s) { return s.after.square_avg; }},
          {"d = sqrt(u + eps) / sqrt(v + eps) * g", [](const R& r, const Step& s) { return delta(r, s); }},
          {"u = rho*u + (1-rho)*d^2", [](const R&, const Step& s) { return s.after.acc_delta; }},
          {"p_new = p - lr*d", [](const R&, const Step& s) { return s.next; }},
      }),
      gradient_and_step_arrows<R>(
          {{"-d", TermRole::scaled, TermUnits::position, [](const R& r, const Step& s) { return -delta(r, s); }}}),
  };
  return table;
}

template class RuleLanes<AdadeltaRule>;

}  // namespace losscape
