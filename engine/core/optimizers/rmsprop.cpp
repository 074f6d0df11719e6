#include "engine/core/optimizers/rmsprop.hpp"

#include <cmath>

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

namespace {

double denominator(const RmsPropRule& r, const CoordinateStep<RmsPropRule>& s) {
  const double v = s.after.square_avg, a = s.after.grad_avg;
  return (r.centered ? std::sqrt(torch_ops::addcmul(v, a, a, -1.0)) : std::sqrt(v)) + r.eps;
}

}  // namespace

const RuleTable<RmsPropRule>& RmsPropRule::explanation() {
  using R = RmsPropRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"v = alpha*v + (1-alpha)*g^2", [](const R&, const Step& s) { return s.after.square_avg; }},
          {"a = alpha*a + (1-alpha)*g", [](const R&, const Step& s) { return s.after.grad_avg; }, false,
           [](const R& r) { return r.centered; }},
          {"d = sqrt(v - a^2) + eps", [](const R& r, const Step& s) { return denominator(r, s); }, false,
           [](const R& r) { return r.centered; }},
          {"d = sqrt(v) + eps", [](const R& r, const Step& s) { return denominator(r, s); }, false,
           [](const R& r) { return !r.centered; }},
          {"b = momentum*b + g/d", [](const R&, const Step& s) { return s.after.buffer; }, false,
           [](const R& r) { return r.momentum > 0.0; }},
          {"p_new = p - lr*b", [](const R&, const Step& s) { return s.next; }, false,
           [](const R& r) { return r.momentum > 0.0; }},
          {"p_new = p - lr*g/d", [](const R&, const Step& s) { return s.next; }, false,
           [](const R& r) { return !(r.momentum > 0.0); }},
      }),
      gradient_and_step_arrows<R>({
          {"-g/d", TermRole::scaled, TermUnits::none,
           [](const R& r, const Step& s) { return -torch_gradient(r, s) / denominator(r, s); }},
          {"-b", TermRole::momentum, TermUnits::none, [](const R&, const Step& s) { return -s.after.buffer; },
           [](const R& r) { return r.momentum > 0.0; }},
      }),
  };
  return table;
}

template class RuleLanes<RmsPropRule>;

}  // namespace losscape
