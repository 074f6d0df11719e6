#include "engine/core/optimizers/adam.hpp"

#include <cmath>

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

namespace {

double second_moment(const AdamRule& r, const CoordinateStep<AdamRule>& s) {
  return r.amsgrad ? s.after.max_exp_avg_sq : s.after.exp_avg_sq;
}
// What next() adds to p: -(lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps), in torch's order.
double increment(const AdamRule& r, const CoordinateStep<AdamRule>& s) {
  return (-r.step_size * s.after.exp_avg) / (std::sqrt(second_moment(r, s)) / r.bias_correction2_sqrt + r.eps);
}

}  // namespace

const RuleTable<AdamRule>& AdamRule::explanation() {
  using R = AdamRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      gradient_lines<R>({
          {"p = p*(1 - lr*weight_decay)", [](const R& r, const Step& s) { return s.p * (1.0 - r.lr * r.weight_decay); },
           false, [](const R& r) { return r.decoupled; }},
          {"m = beta1*m + (1-beta1)*g", [](const R&, const Step& s) { return s.after.exp_avg; }},
          {"v = beta2*v + (1-beta2)*g^2", [](const R&, const Step& s) { return s.after.exp_avg_sq; }},
          {"v = max(v_max, v)  (amsgrad)", [](const R&, const Step& s) { return s.after.max_exp_avg_sq; }, false,
           [](const R& r) { return r.amsgrad; }},
          {"bc1 = 1 - beta1^t", [](const R& r, const Step& s) { return 1.0 - std::pow(r.beta1, s.t); }, true},
          {"bc2 = 1 - beta2^t", [](const R& r, const Step& s) { return 1.0 - std::pow(r.beta2, s.t); }, true},
          {"m_hat = m / bc1",
           [](const R& r, const Step& s) { return s.after.exp_avg / (1.0 - std::pow(r.beta1, s.t)); }},
          {"v_hat = v / bc2",
           [](const R& r, const Step& s) { return second_moment(r, s) / (1.0 - std::pow(r.beta2, s.t)); }},
          {"step = -lr * m_hat / (sqrt(v_hat) + eps)", [](const R& r, const Step& s) { return increment(r, s); }},
          {"p_new = p + step", [](const R&, const Step& s) { return s.next; }},
      }),
      gradient_and_step_arrows<R>({
          {"-m", TermRole::momentum, TermUnits::gradient, [](const R&, const Step& s) { return -s.after.exp_avg; }},
          {"-m_hat/(sqrt(v_hat)+eps)", TermRole::scaled, TermUnits::none,
           [](const R& r, const Step& s) { return increment(r, s) / r.lr; }},
      }),
  };
  return table;
}

template class RuleLanes<AdamRule>;

}  // namespace losscape
