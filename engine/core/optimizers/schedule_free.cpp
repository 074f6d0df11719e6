#include "engine/core/optimizers/schedule_free.hpp"

#include <cmath>

namespace losscape {
namespace {

// The two tables share their keys' meanings; SGD has one beta (torch's momentum name, as the
// reference implementation), AdamW two, and eps.
enum { kLr, kBeta, kWeightDecay, kWarmupSteps, kR, kWeightLrPower };                         // schedulefree_sgd
enum { kALr, kABeta1, kABeta2, kAEps, kAWeightDecay, kAWarmupSteps, kAR, kAWeightLrPower };  // schedulefree_adamw

ParameterSpec warmup_steps() {
  return {"warmup_steps",
          0.0,
          0.0,
          10000.0,
          false,
          false,
          "steps over which lr_t rises linearly to lr (0: none); also lowers the early z's weight in x",
          true};
}
ParameterSpec r_power() {
  return {"r", 0.0, 0.0, 10.0, false, false, "polynomial weighting: step t's z enters x with weight t^r (0: equal)"};
}
ParameterSpec weight_lr_power() {
  return {"weight_lr_power",
          2.0,
          0.0,
          10.0,
          false,
          false,
          "step t's z enters x with weight lr_max^weight_lr_power (matters during warmup)"};
}

}  // namespace

ScheduleFree::ScheduleFree(bool adaptive)
    : CoordinateRuleOptimizer(adaptive ? "schedulefree_adamw" : "schedulefree_sgd",
                              adaptive ? "Schedule-Free AdamW" : "Schedule-Free SGD"),
      adaptive_(adaptive) {
  init_parameters();
}

// Learning rates: the reference implementations' 1.0 (SGD) and 0.0025 (AdamW) are set for
// networks; on the gallery's functions, whose gradients reach 10 to 100, SGD needs gradient
// descent's 0.01, and AdamW's steps (about lr per coordinate) cross a domain in a few hundred
// steps with 0.02.
const std::vector<ParameterSpec>& ScheduleFree::parameter_table() const {
  static const std::vector<ParameterSpec> sgd = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate of the base SGD iterate z"},
      {"momentum", 0.9, 0.0, 1.0, false, false,
       "beta: the gradient is taken at y = beta * x + (1 - beta) * z (0: at z, Polyak averaging; 1: at x)"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "L2 penalty: adds weight_decay * y to the gradient"},
      warmup_steps(),
      r_power(),
      weight_lr_power(),
  };
  static const std::vector<ParameterSpec> adamw = {
      {"lr", 0.02, 0.0, 10.0, true, true, "learning rate: about the largest step of z per coordinate"},
      {"beta1", 0.9, 0.0, 1.0, false, false,
       "the gradient is taken at y = beta1 * x + (1 - beta1) * z (Schedule-Free's momentum)"},
      {"beta2", 0.999, 0.0, 0.99999, false, false, "decay of the squared gradient's moving average (step scaling)"},
      {"eps", 1e-8, 0.0, 1.0, false, true, "added to the denominator so it is never zero"},
      {"weight_decay", 0.0, 0.0, 10.0, false, false, "decoupled decay: subtracts lr_t * weight_decay * y from z"},
      warmup_steps(),
      r_power(),
      weight_lr_power(),
  };
  return adaptive_ ? adamw : sgd;
}

ScheduleFreeRule ScheduleFree::rule() const {
  if (adaptive_) {
    return {.lr = value_at(kALr),
            .beta = value_at(kABeta1),
            .beta2 = value_at(kABeta2),
            .eps = value_at(kAEps),
            .weight_decay = value_at(kAWeightDecay),
            .warmup_steps = value_at(kAWarmupSteps),
            .r = value_at(kAR),
            .weight_lr_power = value_at(kAWeightLrPower),
            .adaptive = true};
  }
  return {.lr = value_at(kLr),
          .beta = value_at(kBeta),
          .beta2 = 0.0,  // unused
          .eps = 0.0,
          .weight_decay = value_at(kWeightDecay),
          .warmup_steps = value_at(kWarmupSteps),
          .r = value_at(kR),
          .weight_lr_power = value_at(kWeightLrPower),
          .adaptive = false};
}

const RuleTable<ScheduleFreeRule>& ScheduleFreeRule::explanation() {
  using R = ScheduleFreeRule;
  using Step = CoordinateStep<R>;
  static const RuleTable<R> table{
      {
          {"g = grad f(y)  (the ball is y)", [](const R&, const Step& s) { return s.g; }},
          {"lr_t = lr * min(1, t / warmup_steps)", [](const R& rule, const Step&) { return rule.scheduled_lr; }, true},
          {"c_t = w_t / (w_1 + ... + w_t)",
           [](const R& rule, const Step& s) {
             const double weight = rule.step_power * s.after.lr_max_power;
             return s.after.weight_sum > 0.0 ? weight / s.after.weight_sum : 0.0;
           },
           true},
          {"v = beta2*v + (1-beta2)*g^2", [](const R&, const Step& s) { return s.after.exp_avg_sq; }, false,
           [](const R& rule) { return rule.adaptive; }},
          {"z = z - lr_t*weight_decay*y - lr_t*g / (sqrt(v / (1-beta2^t)) + eps)",
           [](const R&, const Step& s) { return s.after.z; }, false, [](const R& rule) { return rule.adaptive; }},
          {"z = z - lr_t*(g + weight_decay*y)", [](const R&, const Step& s) { return s.after.z; }, false,
           [](const R& rule) { return !rule.adaptive; }},
          {"x = (1-c_t)*x + c_t*z  (the answer)", [](const R&, const Step& s) { return s.after.x; }},
          {"p_new = y = beta*x + (1-beta)*z", [](const R&, const Step& s) { return s.next; }},
      },
      {
          {"-g", TermRole::gradient, TermUnits::gradient, [](const R&, const Step& s) { return -s.g; }},
          {"x - y (the average)", TermRole::momentum, TermUnits::position,
           [](const R&, const Step& s) { return s.after.x - s.p; }},
          {"z - y (the base method)", TermRole::scaled, TermUnits::position,
           [](const R&, const Step& s) { return s.after.z - s.p; }},
          {"step", TermRole::step, TermUnits::position, [](const R&, const Step& s) { return s.step(); }},
      },
  };
  return table;
}

template class RuleLanes<ScheduleFreeRule>;

}  // namespace losscape
