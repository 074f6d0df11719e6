#include "engine/core/optimizers/signsgd.hpp"

#include <cmath>

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

const RuleTable<SignSgdRule>& SignSgdRule::explanation() {
  using R = SignSgdRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({{"p_new = p - lr*sign(g)", [](const R&, const Step& s) { return s.next; }}}),
      gradient_and_step_arrows<R>({{"-sign(g)", TermRole::scaled, TermUnits::none,
                                    [](const R&, const Step& s) { return -torch_ops::sign(s.g); }}}),
  };
  return table;
}

const RuleTable<SignumRule>& SignumRule::explanation() {
  using R = SignumRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"m = beta*m + (1-beta)*g", [](const R&, const Step& s) { return s.after.momentum; }},
          {"p_new = p - lr*sign(m)", [](const R&, const Step& s) { return s.next; }},
      }),
      gradient_and_step_arrows<R>({
          {"-m", TermRole::momentum, TermUnits::gradient, [](const R&, const Step& s) { return -s.after.momentum; }},
          {"-sign(m)", TermRole::scaled, TermUnits::none,
           [](const R&, const Step& s) { return -torch_ops::sign(s.after.momentum); }},
      }),
  };
  return table;
}

template class RuleLanes<SignSgdRule>;
template class RuleLanes<SignumRule>;

}  // namespace losscape
