#pragma once
#include "engine/core/optimizers/coordinate_rule.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

#include <cmath>

namespace losscape {

// Schedule-Free SGD and AdamW, as A. Defazio, X. Yang, H. Mehta, K. Mishchenko, A. Khaled,
// A. Cutkosky, "The Road Less Scheduled" (NeurIPS 2024, arXiv:2405.15682), Algorithm 1, in the
// form of the authors' reference implementations (facebookresearch/schedule_free,
// SGDScheduleFreeReference and AdamWScheduleFreeReference), operation for operation. Three
// sequences, all starting at the start point:
//   y_t  where the gradient g_t is taken: the ball
//   z    the base method's iterate:   SGD  z <- z - lr_t * (g_t + weight_decay * y_t)
//                                     AdamW  z <- z - lr_t * weight_decay * y_t, then
//                                            v_t = beta2 v_{t-1} + (1 - beta2) g_t^2,
//                                            z <- z - lr_t * g_t / (sqrt(v_t / (1 - beta2^t)) + eps)
//   x    the weighted average of the z's, the answer:  x <- (1 - c_t) x + c_t z
// then y_{t+1} = beta x + (1 - beta) z (beta: SGD's momentum, AdamW's beta1). The step size
// lr_t = lr * min(1, t / warmup_steps) warms up linearly; c_t = w_t / (w_1 + ... + w_t) with
// w_t = t^r * lr_max^weight_lr_power, lr_max the largest lr_t so far (with the defaults c_t = 1/t:
// x is the plain average of the z's). The running sum and lr_max are kept per coordinate (each
// coordinate's copy holds the same number) so that the state stays one coordinate's: the lanes
// then run this rule as they run every other.
struct ScheduleFreeRule {
  // Six numbers, laid out as eight (a cache line): GCC vectorises the lanes' loads of a group of
  // 1, 2, 3, 4 or 8 doubles per lane, not of 6 (twice as fast, 16 more bytes a coordinate).
  struct alignas(64) State {
    double z = 0.0, x = 0.0, exp_avg_sq = 0.0, lr_max = 0.0, weight_sum = 0.0;
    // pow(lr_max, weight_lr_power): lr_t's, taken once a step in start_step, whenever lr_t becomes
    // lr_max, and again by refresh() before a ball's step (its weight_lr_power may have moved): a
    // call to pow in the lanes' loop kept it from being vectorised (ten times gd's cost a member).
    double lr_max_power = 0.0;
  };
  double lr, beta, beta2, eps, weight_decay, warmup_steps, r, weight_lr_power;
  bool adaptive;  // AdamW; SGD when false
  bool first = false;
  // Of the current step: t^r and lr_t^weight_lr_power once a step, not once a coordinate.
  double step_power = 1.0, scheduled_lr = 0.0, scheduled_power = 0.0, bias_correction2 = 1.0;

  void start_step(double t) {
    first = t == 1.0;
    step_power = std::pow(t, r);
    scheduled_lr = lr * (t <= warmup_steps ? t / warmup_steps : 1.0);
    scheduled_power = std::pow(scheduled_lr, weight_lr_power);
    bias_correction2 = 1.0 - std::pow(beta2, t);
  }
  void refresh(State& s) const { s.lr_max_power = std::pow(s.lr_max, weight_lr_power); }
  double next(double y, double g, State& s) const {
    if (first) s.z = s.x = y;  // z_1 = x_1 = y_1, the start
    // lr_max = max(lr_max, lr_t), and its power with it (equal values: the same either way).
    const bool raised = scheduled_lr >= s.lr_max;
    s.lr_max = raised ? scheduled_lr : s.lr_max;
    s.lr_max_power = raised ? scheduled_power : s.lr_max_power;
    const double weight = step_power * s.lr_max_power;
    s.weight_sum += weight;
    const double c = s.weight_sum > 0.0 ? weight / s.weight_sum : 0.0;  // the reference's ZeroDivisionError: 0
    if (adaptive) {
      if (weight_decay != 0.0) s.z = torch_ops::add(s.z, y, -(scheduled_lr * weight_decay));
      s.exp_avg_sq = torch_ops::addcmul(s.exp_avg_sq * beta2, g, g, 1.0 - beta2);
      const double denom = std::sqrt(s.exp_avg_sq / bias_correction2) + eps;
      s.z = torch_ops::addcdiv(s.z, g, denom, -scheduled_lr);
    } else {
      const double grad = weight_decay != 0.0 ? torch_ops::add(g, y, weight_decay) : g;
      s.z = torch_ops::add(s.z, grad, -scheduled_lr);
    }
    s.x = torch_ops::add(s.x * (1.0 - c), s.z, c);
    return torch_ops::add(s.x * beta, s.z, 1.0 - beta);
  }

  // Its update as the Step section shows it (rule_explanation.hpp).
  static const RuleTable<ScheduleFreeRule>& explanation();
};

// Both methods; the ball is y, where the gradient is taken (as in training, where the model's
// weights hold y), and companions() shows x (the answer) and z.
class ScheduleFree final : public CoordinateRuleOptimizer<ScheduleFreeRule> {
 public:
  explicit ScheduleFree(bool adaptive);
  const std::vector<ParameterSpec>& parameter_table() const override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<ScheduleFree>(*this); }
  // x, the weighted average (the method's answer), and z, the base iterate; the start before the
  // first step.
  glm::dvec2 average() const { return {coordinate_state(0).x, coordinate_state(1).x}; }
  glm::dvec2 base_iterate() const { return {coordinate_state(0).z, coordinate_state(1).z}; }
  std::vector<Companion> companions() const override {
    if (steps_taken() == 0.0) return {};
    return {{Companion::Kind::schedule_free_x, average()}, {Companion::Kind::schedule_free_z, base_iterate()}};
  }

 private:
  ScheduleFreeRule rule() const override;
  bool adaptive_;
};

extern template class RuleLanes<ScheduleFreeRule>;  // compiled in schedule_free.cpp only (coordinate_rule.hpp)

}  // namespace losscape
