#include "engine/core/optimizers/rprop.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kEtaMinus, kEtaPlus, kStepSizeMin, kStepSizeMax, kMaximize };
}

Rprop::Rprop() : CoordinateRuleOptimizer("rprop", "Rprop") { init_parameters(); }

const std::vector<ParameterSpec>& Rprop::parameter_table() const {
  // torch's etas=(eta_minus, eta_plus) and step_sizes=(step_size_min, step_size_max), split as
  // betas are; torch requires 0 < eta_minus < 1 < eta_plus.
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "the first step size, in each coordinate"},
      {"eta_minus", 0.5, 0.0, 0.9999, true, false, "step size factor when the gradient's sign flips (overshot)"},
      {"eta_plus", 1.2, 1.0, 10.0, true, false, "step size factor when the gradient keeps its sign"},
      {"step_size_min", 1e-6, 0.0, 10.0, false, true, "smallest step size"},
      {"step_size_max", 50.0, 0.0, 1000.0, true, true, "largest step size"},
      maximize_parameter(),
  };
  return table;
}

RpropRule Rprop::rule() const {
  return {.lr = value_at(kLr),
          .eta_minus = value_at(kEtaMinus),
          .eta_plus = value_at(kEtaPlus),
          .step_size_min = value_at(kStepSizeMin),
          .step_size_max = value_at(kStepSizeMax),
          .maximize = value_at(kMaximize) != 0.0};
}

const RuleTable<RpropRule>& RpropRule::explanation() {
  using R = RpropRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"g * g_prev  (>0: speed up, <0: slow down)",
           [](const R& r, const Step& s) { return torch_gradient(r, s) * s.before.prev; }},
          {"step_size = clamp(step_size*eta, step_size_min, step_size_max)",
           [](const R&, const Step& s) { return s.after.step_size; }},
          {"g' = 0 where g*g_prev < 0, else g", [](const R&, const Step& s) { return s.after.prev; }},
          {"p_new = p - sign(g') * step_size", [](const R&, const Step& s) { return s.next; }},
      }),
      gradient_and_step_arrows<R>({{"-sign(g')", TermRole::scaled, TermUnits::none,
                                    [](const R&, const Step& s) { return -torch_ops::sign(s.after.prev); }}}),
  };
  return table;
}

template class RuleLanes<RpropRule>;

}  // namespace losscape
