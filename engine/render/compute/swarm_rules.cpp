#include "engine/render/compute/swarm_rules.hpp"

#include "engine/core/optimizers/adabelief.hpp"
#include "engine/core/optimizers/adadelta.hpp"
#include "engine/core/optimizers/adagrad.hpp"
#include "engine/core/optimizers/adam.hpp"
#include "engine/core/optimizers/adamax.hpp"
#include "engine/core/optimizers/asgd.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/core/optimizers/lion.hpp"
#include "engine/core/optimizers/nadam.hpp"
#include "engine/core/optimizers/radam.hpp"
#include "engine/core/optimizers/rmsprop.hpp"
#include "engine/core/optimizers/rprop.hpp"
#include "engine/core/optimizers/schedule_free.hpp"
#include "engine/core/optimizers/sgd_momentum.hpp"
#include "engine/core/optimizers/signsgd.hpp"

#include <functional>

namespace losscape {
namespace {

// torch_ops.hpp in GLSL: add and addcmul fuse their multiply-add (swarm_fma), addcdiv does not.
// swarm_fma is GLSL's fma() where the driver fuses it (a GPU), and where it does not (llvmpipe
// computes a*b + c, rounding twice) an exact emulation: Dekker's product and Knuth's sum without
// error, then Boldo and Melquiond's addition rounded to odd ("Emulation of FMA and correctly
// rounded sums: proved algorithms using rounding to odd", IEEE TC 2008), correctly rounded where
// nothing overflows or underflows on the way: factors below about 2^996 (Veltkamp's split
// multiplies by 2^27 + 1), a product neither overflowing nor underflowing. Beyond that a ball has
// diverged already. The browser build's CPU lanes use the same algorithm, with std::fma outside
// the range where it is exact (core/optimizers/exact_fma.hpp).
constexpr const char* kTorchOps = R"(
#if SWARM_NATIVE_FMA
REAL swarm_fma(REAL a, REAL b, REAL c) { precise REAL r = fma(a, b, c); return r; }
#else
void swarm_split(REAL a, out REAL hi, out REAL lo) {  // Veltkamp: a = hi + lo, 26 bits each
  precise REAL t = a * REAL(134217729.0);
  precise REAL h = t - (t - a);
  precise REAL l = a - h;
  hi = h;
  lo = l;
}
void swarm_two_sum(REAL a, REAL b, out REAL s, out REAL e) {
  precise REAL sum = a + b;
  precise REAL bb = sum - a;
  precise REAL err = (a - (sum - bb)) + (b - bb);
  s = sum;
  e = err;
}
REAL swarm_add_odd(REAL a, REAL b) {  // a + b rounded to odd
  REAL s, e;
  swarm_two_sum(a, b, s, e);
  uvec2 w = unpackDouble2x32(s);
  if (e != REAL(0) && (w.x & 1u) == 0u) {  // inexact and even: the odd neighbour towards e
    if ((e > REAL(0)) == (s > REAL(0))) {
      w.x += 1u;
      if (w.x == 0u) w.y += 1u;
    } else {
      if (w.x == 0u) w.y -= 1u;
      w.x -= 1u;
    }
    s = packDouble2x32(w);
  }
  return s;
}
REAL swarm_fma(REAL a, REAL b, REAL c) {
  precise REAL product = a * b;
  if (isinf(product) || isnan(product) || isinf(c) || isnan(c) || a == REAL(0) || b == REAL(0)) {
    precise REAL r = product + c;  // infinite or NaN either way, or an exact product (-0 + -0 stays -0)
    return r;
  }
  REAL ah, al, bh, bl;
  swarm_split(a, ah, al);
  swarm_split(b, bh, bl);
  precise REAL product_error = ((ah * bh - product) + ah * bl + al * bh) + al * bl;
  REAL th, tl;
  swarm_two_sum(c, product, th, tl);
  REAL v = swarm_add_odd(tl, product_error);
  precise REAL r = th + v;
  return r;
}
#endif
REAL swarm_add(REAL self, REAL other, REAL alpha) { return swarm_fma(alpha, other, self); }
REAL swarm_addcmul(REAL self, REAL t1, REAL t2, REAL value) {
  precise REAL vt = value * t1;
  return swarm_fma(vt, t2, self);
}
REAL swarm_addcdiv(REAL self, REAL t1, REAL t2, REAL value) { precise REAL r = self + (value * t1) / t2; return r; }
REAL swarm_amax(REAL a, REAL b) { return a > b || isnan(a) ? a : b; }
REAL swarm_sign(REAL x) { return REAL(x > REAL(0)) - REAL(x < REAL(0)); }  // 0 for NaN, as torch_ops::sign
// The gradient a rule steps on: negated to maximize, then L2 weight decay added, as torch does.
REAL swarm_grad(REAL p, REAL g, REAL maximize, REAL weight_decay) {
  precise REAL grad = maximize != REAL(0) ? -g : g;
  if (weight_decay != REAL(0)) grad = swarm_add(grad, p, weight_decay);
  return grad;
}
)";

// One row per rule: its GLSL next() reading u_rule[], and how its C++ rule fills u_rule[].
struct RuleRow {
  std::size_t state_size;
  const char* glsl;
  // The rule's numbers after start_step(t), or nothing when the optimizer is not of this rule.
  std::function<bool(const Optimizer&, double, std::vector<double>&)> uniforms;
};

// The C++ rule of `optimizer` after start_step(t), or false when it is not a plain `Rule` method.
template <class Rule>
bool rule_at(const Optimizer& optimizer, double t, Rule& rule) {
  const auto* method = dynamic_cast<const CoordinateRuleOptimizer<Rule>*>(&optimizer);
  if (method == nullptr) return false;
  rule = method->current_rule();
  rule.start_step(t);
  return true;
}

double flag(bool b) { return b ? 1.0 : 0.0; }

// GradientDescentRule::next
constexpr const char* kGd = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], weight_decay = u_rule[1];
  return swarm_add(p, swarm_grad(p, g, u_rule[2], weight_decay), -lr);
}
)";

// MomentumRule::next
constexpr const char* kMomentum = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], mu = u_rule[1], weight_decay = u_rule[2], dampening = u_rule[3];
  bool nesterov = u_rule[4] != REAL(0), first = u_rule[6] != REAL(0);
  precise REAL d_p = swarm_grad(p, g, u_rule[5], weight_decay);
  if (mu != REAL(0)) {
    precise REAL damped = REAL(1) - dampening;
    precise REAL carried = s[0] * mu;
    s[0] = first ? d_p : swarm_add(carried, d_p, damped);
    d_p = nesterov ? swarm_add(d_p, s[0], mu) : s[0];
  }
  return swarm_add(p, d_p, -lr);
}
)";

// AdagradRule::next
constexpr const char* kAdagrad = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL eps = u_rule[1], weight_decay = u_rule[2], initial = u_rule[4], clr = u_rule[6];
  precise REAL grad = swarm_grad(p, g, u_rule[5], weight_decay);
  if (u_rule[7] != REAL(0)) s[0] = initial;
  s[0] = swarm_addcmul(s[0], grad, grad, REAL(1));
  precise REAL std_dev = sqrt(s[0]) + eps;
  return swarm_addcdiv(p, grad, std_dev, -clr);
}
)";

// RmsPropRule::next
constexpr const char* kRmsProp = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], alpha = u_rule[1], eps = u_rule[2], weight_decay = u_rule[3], momentum = u_rule[4];
  precise REAL grad = swarm_grad(p, g, u_rule[6], weight_decay);
  precise REAL one_minus_alpha = REAL(1) - alpha;
  precise REAL decayed = s[0] * alpha;
  s[0] = swarm_addcmul(decayed, grad, grad, one_minus_alpha);
  precise REAL avg;
  if (u_rule[5] != REAL(0)) {
    precise REAL decayed_avg = s[1] * alpha;
    s[1] = swarm_add(decayed_avg, grad, one_minus_alpha);
    avg = sqrt(swarm_addcmul(s[0], s[1], s[1], REAL(-1))) + eps;
  } else {
    avg = sqrt(s[0]) + eps;
  }
  if (momentum > REAL(0)) {
    precise REAL carried = s[2] * momentum;
    s[2] = swarm_addcdiv(carried, grad, avg, REAL(1));
    return swarm_add(p, s[2], -lr);
  }
  return swarm_addcdiv(p, grad, avg, -lr);
}
)";

// AdamRule::next (Adam and AdamW)
constexpr const char* kAdam = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], beta1 = u_rule[1], beta2 = u_rule[2], eps = u_rule[3], weight_decay = u_rule[4];
  bool amsgrad = u_rule[6] != REAL(0);
  REAL step_size = u_rule[8], bias_correction2_sqrt = u_rule[9];
  precise REAL grad = u_rule[7] != REAL(0) ? -g : g;
  precise REAL q = p;
  if (u_rule[5] != REAL(0)) {
    precise REAL shrink = REAL(1) - lr * weight_decay;
    q = p * shrink;
  } else if (weight_decay != REAL(0)) {
    grad = swarm_add(grad, p, weight_decay);
  }
  precise REAL m = s[0] * beta1, v = s[1] * beta2, one_minus_beta1 = REAL(1) - beta1, one_minus_beta2 = REAL(1) - beta2;
  s[0] = swarm_add(m, grad, one_minus_beta1);
  s[1] = swarm_addcmul(v, grad, grad, one_minus_beta2);
  if (amsgrad) s[2] = swarm_amax(s[2], s[1]);
  precise REAL denom = sqrt(amsgrad ? s[2] : s[1]) / bias_correction2_sqrt + eps;
  return swarm_addcdiv(q, s[0], denom, -step_size);
}
)";

// SignSgdRule::next
constexpr const char* kSignSgd = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  precise REAL r = p - u_rule[0] * swarm_sign(g);
  return r;
}
)";

// SignumRule::next
constexpr const char* kSignum = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], beta = u_rule[1];
  precise REAL m = beta * s[0] + (REAL(1) - beta) * g;
  s[0] = m;
  precise REAL r = p - lr * swarm_sign(m);
  return r;
}
)";

// LionRule::next
constexpr const char* kLion = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], beta1 = u_rule[1], beta2 = u_rule[2], weight_decay = u_rule[3];
  precise REAL c = beta1 * s[0] + (REAL(1) - beta1) * g;
  precise REAL m = beta2 * s[0] + (REAL(1) - beta2) * g;
  s[0] = m;
  precise REAL r = p - lr * (swarm_sign(c) + weight_decay * p);
  return r;
}
)";

// AdamaxRule::next
constexpr const char* kAdamax = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL beta1 = u_rule[1], beta2 = u_rule[2], eps = u_rule[3], weight_decay = u_rule[4], clr = u_rule[6];
  precise REAL grad = swarm_grad(p, g, u_rule[5], weight_decay);
  precise REAL m = s[0] * beta1, one_minus_beta1 = REAL(1) - beta1, u = s[1] * beta2, bound = abs(grad) + eps;
  s[0] = swarm_add(m, grad, one_minus_beta1);
  s[1] = swarm_amax(u, bound);
  return swarm_addcdiv(p, s[0], s[1], -clr);
}
)";

// AsgdRule::next (eta and mu, rounded to float32 as torch keeps them, come per step: start_step)
constexpr const char* kAsgd = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lambd = u_rule[0], weight_decay = u_rule[1], eta = u_rule[3], mu = u_rule[4];
  precise REAL grad = swarm_grad(p, g, u_rule[2], weight_decay);
  precise REAL shrink = REAL(1) - lambd * eta;
  precise REAL q = p * shrink;
  q = swarm_add(q, grad, -eta);
  precise REAL toward = (q - s[0]) * mu;
  s[0] = mu != REAL(1) ? swarm_add(s[0], toward, REAL(1)) : q;
  return q;
}
)";

// ScheduleFreeRule::next (SGD and AdamW; t^r, lr_t and lr_t^weight_lr_power come per step:
// start_step). s: z, x, exp_avg_sq, lr_max, weight_sum, lr_max^weight_lr_power.
constexpr const char* kScheduleFree = R"(
REAL swarm_next(REAL y, REAL g, inout REAL s[SWARM_STATE]) {
  REAL beta = u_rule[0], beta2 = u_rule[1], eps = u_rule[2], weight_decay = u_rule[3];
  REAL step_power = u_rule[6], lr = u_rule[7], lr_power = u_rule[8], bias_correction2 = u_rule[9];
  if (u_rule[5] != REAL(0)) {
    s[0] = y;
    s[1] = y;
  }
  bool raised = lr >= s[3];
  s[3] = raised ? lr : s[3];
  s[5] = raised ? lr_power : s[5];
  precise REAL weight = step_power * s[5];
  precise REAL sum = s[4] + weight;
  s[4] = sum;
  precise REAL c = sum > REAL(0) ? weight / sum : REAL(0);
  if (u_rule[4] != REAL(0)) {
    precise REAL decay = -(lr * weight_decay);
    if (weight_decay != REAL(0)) s[0] = swarm_add(s[0], y, decay);
    precise REAL v = s[2] * beta2, one_minus_beta2 = REAL(1) - beta2;
    s[2] = swarm_addcmul(v, g, g, one_minus_beta2);
    precise REAL denom = sqrt(s[2] / bias_correction2) + eps;
    s[0] = swarm_addcdiv(s[0], g, denom, -lr);
  } else {
    precise REAL grad = weight_decay != REAL(0) ? swarm_add(g, y, weight_decay) : g;
    s[0] = swarm_add(s[0], grad, -lr);
  }
  precise REAL keep = REAL(1) - c;
  precise REAL kept = s[1] * keep;
  s[1] = swarm_add(kept, s[0], c);
  precise REAL xb = s[1] * beta, one_minus_beta = REAL(1) - beta;
  return swarm_add(xb, s[0], one_minus_beta);
}
)";

// NAdamRule::next (mu_t and mu_{t+1} come per step: start_step). s[2] is P_t, a float32 as torch
// keeps it: each product of two floats rounded once to float, as the C++ rounds their exact
// double product (GLSL's float multiply is correctly rounded; `precise` keeps it unfused).
constexpr const char* kNAdam = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], beta1 = u_rule[1], beta2 = u_rule[2], eps = u_rule[3], weight_decay = u_rule[4];
  REAL bias_correction2 = u_rule[5], mu = u_rule[6], mu_next = u_rule[7];
  precise REAL grad = weight_decay != REAL(0) ? swarm_add(g, p, weight_decay) : g;
  precise float mu32 = float(mu), mu_next32 = float(mu_next);
  precise float product = (u_rule[8] != REAL(0) ? 1.0 : float(s[2])) * mu32;
  precise float product_next = (product * mu32) * mu_next32;
  s[2] = REAL(product);
  precise REAL m = s[0] * beta1, one_minus_beta1 = REAL(1) - beta1, v = s[1] * beta2, one_minus_beta2 = REAL(1) - beta2;
  s[0] = swarm_add(m, grad, one_minus_beta1);
  s[1] = swarm_addcmul(v, grad, grad, one_minus_beta2);
  precise REAL denom = sqrt(s[1] / bias_correction2) + eps;
  precise REAL now = -lr * (REAL(1) - mu) / (REAL(1) - REAL(product));
  precise REAL ahead = -lr * mu_next / (REAL(1) - REAL(product_next));
  return swarm_addcdiv(swarm_addcdiv(p, grad, denom, now), s[0], denom, ahead);
}
)";

// RAdamRule::next (the rectification's numbers come per step: start_step)
constexpr const char* kRAdam = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], beta1 = u_rule[1], beta2 = u_rule[2], eps = u_rule[3], weight_decay = u_rule[4];
  REAL bias_correction1 = u_rule[5], bias_correction2_sqrt = u_rule[6], rect = u_rule[7];
  precise REAL grad = swarm_grad(p, g, REAL(0), weight_decay);
  precise REAL m = s[0] * beta1, one_minus_beta1 = REAL(1) - beta1, v = s[1] * beta2, one_minus_beta2 = REAL(1) - beta2;
  s[0] = swarm_add(m, grad, one_minus_beta1);
  s[1] = swarm_addcmul(v, grad, grad, one_minus_beta2);
  precise REAL corrected = s[0] / bias_correction1;
  if (u_rule[8] == REAL(0)) {
    precise REAL step = corrected * lr;
    return swarm_add(p, step, REAL(-1));
  }
  precise REAL adaptive_lr = (REAL(1) / (sqrt(s[1]) + eps)) * bias_correction2_sqrt;
  precise REAL step = corrected * lr * adaptive_lr * rect;
  return swarm_add(p, step, REAL(-1));
}
)";

// AdaBeliefRule::next (plain arithmetic, no torch op: every product and sum rounded on its own)
constexpr const char* kAdaBelief = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], beta1 = u_rule[1], beta2 = u_rule[2], eps = u_rule[3];
  REAL correction1 = u_rule[4], correction2 = u_rule[5];
  precise REAL m = beta1 * s[0] + (REAL(1) - beta1) * g;
  s[0] = m;
  precise REAL belief = g - m;
  precise REAL var = beta2 * s[1] + (REAL(1) - beta2) * belief * belief + eps;
  s[1] = var;
  precise REAL r = p - lr * (m / correction1) / (sqrt(var / correction2) + eps);
  return r;
}
)";

// AdadeltaRule::next
constexpr const char* kAdadelta = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], rho = u_rule[1], eps = u_rule[2];
  precise REAL grad = swarm_grad(p, g, u_rule[4], u_rule[3]);
  precise REAL decayed = s[0] * rho, one_minus_rho = REAL(1) - rho;
  s[0] = swarm_addcmul(decayed, grad, grad, one_minus_rho);
  precise REAL std_dev = sqrt(s[0] + eps);
  precise REAL delta = sqrt(s[1] + eps) / std_dev * grad;
  precise REAL decayed_delta = s[1] * rho;
  s[1] = swarm_addcmul(decayed_delta, delta, delta, one_minus_rho);
  return swarm_add(p, delta, -lr);
}
)";

// RpropRule::next (s[0]: the last gradient kept, s[1]: the step size)
constexpr const char* kRprop = R"(
REAL swarm_next(REAL p, REAL g, inout REAL s[SWARM_STATE]) {
  REAL lr = u_rule[0], eta_minus = u_rule[1], eta_plus = u_rule[2], step_min = u_rule[3], step_max = u_rule[4];
  precise REAL gm = u_rule[5] != REAL(0) ? -g : g;
  precise REAL agreement = gm * s[0];
  REAL factor = agreement > REAL(0) ? eta_plus : agreement < REAL(0) ? eta_minus : REAL(1);
  precise REAL scaled = (u_rule[6] != REAL(0) ? lr : s[1]) * factor;
  REAL at_least = scaled < step_min ? step_min : scaled;
  s[1] = at_least > step_max ? step_max : at_least;
  REAL grad = factor == eta_minus ? REAL(0) : gm;
  s[0] = grad;
  return swarm_addcmul(p, swarm_sign(grad), s[1], REAL(-1));
}
)";

// A row for `Rule`: its GLSL, and `pack` turning the rule (after start_step) into u_rule[].
template <class Rule, class Pack>
RuleRow row(std::size_t state_size, const char* glsl, Pack pack) {
  return {state_size, glsl, [pack](const Optimizer& optimizer, double t, std::vector<double>& u) {
            Rule rule{};
            if (!rule_at(optimizer, t, rule)) return false;
            u = pack(rule);
            return true;
          }};
}

using Uniforms = std::vector<double>;

const std::vector<std::pair<std::string, RuleRow>>& rows() {
  static const std::vector<std::pair<std::string, RuleRow>> table = {
      {"gd", row<GradientDescentRule>(1, kGd,
                                      [](const GradientDescentRule& r) {
                                        return Uniforms{r.lr, r.weight_decay, flag(r.maximize)};
                                      })},
      {"momentum",
       row<MomentumRule>(1, kMomentum,
                         [](const MomentumRule& r) {
                           return Uniforms{
                               r.lr,         r.mu, r.weight_decay, r.dampening, flag(r.nesterov), flag(r.maximize),
                               flag(r.first)};
                         })},
      {"adagrad",
       row<AdagradRule>(
           1, kAdagrad,
           [](const AdagradRule& r) {
             return Uniforms{
                 r.lr,  r.eps,        r.weight_decay, r.lr_decay, r.initial_accumulator_value, flag(r.maximize),
                 r.clr, flag(r.first)};
           })},
      {"rmsprop", row<RmsPropRule>(3, kRmsProp,
                                   [](const RmsPropRule& r) {
                                     return Uniforms{r.lr,       r.alpha,          r.eps,           r.weight_decay,
                                                     r.momentum, flag(r.centered), flag(r.maximize)};
                                   })},
      {"adam", row<AdamRule>(3, kAdam,
                             [](const AdamRule& r) {
                               return Uniforms{r.lr,
                                               r.beta1,
                                               r.beta2,
                                               r.eps,
                                               r.weight_decay,
                                               flag(r.decoupled),
                                               flag(r.amsgrad),
                                               flag(r.maximize),
                                               r.step_size,
                                               r.bias_correction2_sqrt};
                             })},
      {"adadelta", row<AdadeltaRule>(2, kAdadelta,
                                     [](const AdadeltaRule& r) {
                                       return Uniforms{r.lr, r.rho, r.eps, r.weight_decay, flag(r.maximize)};
                                     })},
      {"rprop",
       row<RpropRule>(2, kRprop,
                      [](const RpropRule& r) {
                        return Uniforms{
                            r.lr,         r.eta_minus, r.eta_plus, r.step_size_min, r.step_size_max, flag(r.maximize),
                            flag(r.first)};
                      })},
      {"adabelief", row<AdaBeliefRule>(2, kAdaBelief,
                                       [](const AdaBeliefRule& r) {
                                         return Uniforms{r.lr, r.beta1, r.beta2, r.eps, r.correction1, r.correction2};
                                       })},
      {"nadam", row<NAdamRule>(3, kNAdam,
                               [](const NAdamRule& r) {
                                 return Uniforms{r.lr,  r.beta1,        r.beta2,
                                                 r.eps, r.weight_decay, r.bias_correction2,
                                                 r.mu,  r.mu_next,      flag(r.first)};
                               })},
      {"radam",
       row<RAdamRule>(
           2, kRAdam,
           [](const RAdamRule& r) {
             return Uniforms{
                 r.lr,   r.beta1,          r.beta2, r.eps, r.weight_decay, r.bias_correction1, r.bias_correction2_sqrt,
                 r.rect, flag(r.rectified)};
           })},
      {"signsgd", row<SignSgdRule>(1, kSignSgd, [](const SignSgdRule& r) { return Uniforms{r.lr}; })},
      {"signum", row<SignumRule>(1, kSignum,
                                 [](const SignumRule& r) {
                                   return Uniforms{r.lr, r.beta};
                                 })},
      {"lion", row<LionRule>(1, kLion,
                             [](const LionRule& r) {
                               return Uniforms{r.lr, r.beta1, r.beta2, r.weight_decay};
                             })},
      {"adamax", row<AdamaxRule>(2, kAdamax,
                                 [](const AdamaxRule& r) {
                                   return Uniforms{r.lr,           r.beta1,          r.beta2, r.eps,
                                                   r.weight_decay, flag(r.maximize), r.clr};
                                 })},
      {"asgd", row<AsgdRule>(1, kAsgd,
                             [](const AsgdRule& r) {
                               return Uniforms{r.lambd, r.weight_decay, flag(r.maximize), r.eta, r.mu};
                             })},
      {"schedulefree",
       row<ScheduleFreeRule>(6, kScheduleFree,
                             [](const ScheduleFreeRule& r) {
                               return Uniforms{
                                   r.beta,        r.beta2,      r.eps,          r.weight_decay,    flag(r.adaptive),
                                   flag(r.first), r.step_power, r.scheduled_lr, r.scheduled_power, r.bias_correction2};
                             })},
  };
  return table;
}

// The row whose rule `optimizer` is (nesterov is momentum's rule, adamw Adam's), if any.
const RuleRow* row_of(const Optimizer& optimizer) {
  std::vector<double> unused;
  for (const auto& [name, row] : rows()) {
    if (row.uniforms(optimizer, 1.0, unused)) return &row;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string>& gpu_swarm_methods() {
  // The rows' own list: every method whose optimizer one of them steps (nesterov is momentum's
  // rule, adamw Adam's, the two Schedule-Free methods one rule), in the command line's order.
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const std::string& name : optimizer_names()) {
      if (row_of(*make_optimizer(name)) != nullptr) out.push_back(name);
    }
    return out;
  }();
  return names;
}

const std::string& gpu_swarm_method_list() {
  static const std::string list = [] {
    std::string names;
    for (const std::string& name : gpu_swarm_methods()) names += (names.empty() ? "" : ", ") + name;
    return names;
  }();
  return list;
}

Result<SwarmRuleGlsl> swarm_rule_glsl(const Optimizer& optimizer, bool native_fma) {
  const RuleRow* row = row_of(optimizer);
  if (row == nullptr) {
    return Error{"optimizer " + optimizer.described() + ": not on the GPU (its swarm steps there with " +
                 gpu_swarm_method_list() + ", without a schedule)"};
  }
  return SwarmRuleGlsl{"#define SWARM_STATE " + std::to_string(row->state_size) + "\n#define SWARM_NATIVE_FMA " +
                           (native_fma ? "1" : "0") + "\n" + kTorchOps + row->glsl,
                       row->state_size};
}

std::vector<double> swarm_rule_uniforms(const Optimizer& optimizer, double t) {
  std::vector<double> u;
  if (const RuleRow* row = row_of(optimizer)) row->uniforms(optimizer, t, u);
  u.resize(kSwarmRuleUniforms, 0.0);
  return u;
}

}  // namespace losscape
