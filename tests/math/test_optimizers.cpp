// Each optimizer against its formula worked out by hand, convergence where it should
// converge, and parameter validation. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/asgd.hpp"
#include "engine/core/optimizers/lbfgs.hpp"
#include "engine/sim/simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

using namespace losscape;

namespace {

// f = (a x^2 + b y^2) / 2 with a != b, so per-coordinate methods show their scaling.
class Quadratic final : public CostFunction {
 public:
  double value(glm::dvec2 p) const override { return 0.5 * (a * p.x * p.x + b * p.y * p.y); }
  glm::dvec2 gradient(glm::dvec2 p) const override { return {a * p.x, b * p.y}; }
  glm::dmat2 hessian(glm::dvec2) const override { return glm::dmat2(a, 0.0, 0.0, b); }
  const std::string& name() const override { return text; }
  const std::string& title() const override { return text; }
  const std::string& formula() const override { return text; }
  Domain domain() const override { return {-5, 5, -5, 5}; }
  double a = 1.0, b = 10.0;
  std::string text = "quadratic";
};

std::unique_ptr<Optimizer> make(const std::string& name, std::vector<std::pair<std::string, double>> params) {
  auto o = make_optimizer(name);
  for (const auto& [key, value] : params) EXPECT_EQ(o->set_parameter(key, value).error(), "") << key;
  return o;
}

// Runs three steps of `optimizer` from `start` and compares with `expected`, computed by hand.
void expect_three_steps(Optimizer& optimizer, glm::dvec2 start, const std::vector<glm::dvec2>& expected) {
  Quadratic f;
  glm::dvec2 p = start;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    p = optimizer.step(f, p);
    EXPECT_NEAR(p.x, expected[i].x, 1e-14 * std::max(1.0, std::abs(expected[i].x)))
        << optimizer.name() << " step " << i + 1;
    EXPECT_NEAR(p.y, expected[i].y, 1e-14 * std::max(1.0, std::abs(expected[i].y)))
        << optimizer.name() << " step " << i + 1;
  }
}

glm::dvec2 grad(glm::dvec2 p) { return {1.0 * p.x, 10.0 * p.y}; }  // of the Quadratic above
glm::dvec2 sq(glm::dvec2 v) { return v * v; }
glm::dvec2 root(glm::dvec2 v) { return {std::sqrt(v.x), std::sqrt(v.y)}; }

}  // namespace

TEST(Optimizers, MomentumFirstThreeStepsByHand) {
  const double lr = 0.05, mu = 0.9;
  glm::dvec2 p(1.0, 1.0), b = grad(p);  // b_1 = g_1
  std::vector<glm::dvec2> expected;
  p = p - lr * b;
  expected.push_back(p);
  for (int t = 2; t <= 3; ++t) {
    b = mu * b + grad(p);
    p = p - lr * b;
    expected.push_back(p);
  }
  auto o = make("momentum", {{"lr", lr}, {"momentum", mu}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
}

TEST(Optimizers, NesterovFirstThreeStepsByHand) {
  const double lr = 0.05, mu = 0.9;
  glm::dvec2 p(1.0, 1.0), b(0.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = grad(p);
    b = t == 1 ? g : mu * b + g;
    p = p - lr * (g + mu * b);
    expected.push_back(p);
  }
  auto o = make("nesterov", {{"lr", lr}, {"momentum", mu}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
}

TEST(Optimizers, AdagradFirstThreeStepsByHand) {
  const double lr = 0.1, eps = 1e-10;
  glm::dvec2 p(1.0, 1.0), s(0.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = grad(p);
    s += sq(g);
    p = p - lr * g / (root(s) + eps);
    expected.push_back(p);
  }
  auto o = make("adagrad", {{"lr", lr}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
  // The first step is lr * sign(g) in each coordinate: AdaGrad ignores the curvature ratio.
  EXPECT_NEAR(expected[0].x, 0.9, 1e-9);
  EXPECT_NEAR(expected[0].y, 0.9, 1e-9);
}

TEST(Optimizers, RmsPropFirstThreeStepsByHand) {
  const double lr = 0.01, alpha = 0.99, eps = 1e-8;
  glm::dvec2 p(1.0, 1.0), v(0.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = grad(p);
    v = alpha * v + (1.0 - alpha) * sq(g);
    p = p - lr * g / (root(v) + eps);
    expected.push_back(p);
  }
  auto o = make("rmsprop", {});
  expect_three_steps(*o, {1.0, 1.0}, expected);
  EXPECT_NEAR(expected[0].x, 1.0 - 0.1, 1e-6);  // lr / sqrt(1 - alpha) = 0.1 on the first step
}

TEST(Optimizers, AdamAndAdamWFirstThreeStepsByHand) {
  for (bool decoupled : {false, true}) {
    const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = decoupled ? 0.01 : 0.05;
    glm::dvec2 p(1.0, 1.0), m(0.0), v(0.0);
    std::vector<glm::dvec2> expected;
    for (int t = 1; t <= 3; ++t) {
      glm::dvec2 g = grad(p);
      if (decoupled) {
        p = p * (1.0 - lr * wd);
      } else {
        g = g + wd * p;
      }
      m = b1 * m + (1.0 - b1) * g;
      v = b2 * v + (1.0 - b2) * sq(g);
      const glm::dvec2 m_hat = m / (1.0 - std::pow(b1, t));
      const glm::dvec2 v_hat = v / (1.0 - std::pow(b2, t));
      p = p - lr * m_hat / (root(v_hat) + eps);
      expected.push_back(p);
    }
    auto o = make(decoupled ? "adamw" : "adam", {{"lr", lr}, {"weight_decay", wd}});
    // The formula as written (m_hat, v_hat) and torch's order of operations differ by rounding.
    Quadratic f;
    glm::dvec2 q(1.0, 1.0);
    for (const glm::dvec2& e : expected) {
      q = o->step(f, q);
      EXPECT_NEAR(q.x, e.x, 1e-13) << o->name();
      EXPECT_NEAR(q.y, e.y, 1e-13) << o->name();
    }
  }
}

TEST(Optimizers, AdamaxFirstThreeStepsByHand) {
  const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.05;
  glm::dvec2 p(1.0, 1.0), m(0.0), u(0.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = grad(p) + wd * p;
    m = b1 * m + (1.0 - b1) * g;
    u = glm::max(b2 * u, glm::abs(g) + eps);
    p = p - lr / (1.0 - std::pow(b1, t)) * m / u;
    expected.push_back(p);
  }
  auto o = make("adamax", {{"lr", lr}, {"weight_decay", wd}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
  // The first step is lr * g / (|g| + eps): lr in each coordinate, whatever the curvature.
  EXPECT_NEAR(expected[0].x, 0.9, 1e-7);
  EXPECT_NEAR(expected[0].y, 0.9, 1e-7);
}

TEST(Optimizers, NAdamFirstThreeStepsByHand) {
  const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, psi = 0.004;
  glm::dvec2 p(1.0, 1.0), m(0.0), v(0.0);
  float mu_product = 1.0f;  // torch 1.13 keeps the product of the mu_t in a float32 tensor
  auto mu = [&](int t) { return b1 * (1.0 - 0.5 * std::pow(0.96, t * psi)); };
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = grad(p);
    mu_product *= static_cast<float>(mu(t));
    // torch 1.13's mu_product * mu * mu_next (the paper has mu_product * mu_next)
    const float mu_product_next = mu_product * static_cast<float>(mu(t)) * static_cast<float>(mu(t + 1));
    m = b1 * m + (1.0 - b1) * g;
    v = b2 * v + (1.0 - b2) * sq(g);
    const glm::dvec2 denom = root(v / (1.0 - std::pow(b2, t))) + eps;
    p = p - lr * (1.0 - mu(t)) / (1.0 - mu_product) * g / denom - lr * mu(t + 1) / (1.0 - mu_product_next) * m / denom;
    expected.push_back(p);
  }
  auto o = make("nadam", {{"lr", lr}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
}

TEST(Optimizers, RAdamEightStepsByHandWithTheRectificationFromStepSix) {
  // beta2 = 0.9: rho_inf = 19, and rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t) passes 5 at t = 6.
  const double lr = 0.01, b1 = 0.9, b2 = 0.9, eps = 1e-8;
  const double rho_inf = 2.0 / (1.0 - b2) - 1.0;
  glm::dvec2 p(1.0, 1.0), m(0.0), v(0.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 8; ++t) {
    const glm::dvec2 g = grad(p);
    m = b1 * m + (1.0 - b1) * g;
    v = b2 * v + (1.0 - b2) * sq(g);
    const glm::dvec2 m_hat = m / (1.0 - std::pow(b1, t));
    const double rho_t = rho_inf - 2.0 * t * std::pow(b2, t) / (1.0 - std::pow(b2, t));
    EXPECT_EQ(rho_t > 5.0, t >= 6) << t;
    if (rho_t > 5.0) {
      const double r = std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
      p = p - lr * m_hat * r * std::sqrt(1.0 - std::pow(b2, t)) / (root(v) + eps);
    } else {
      p = p - lr * m_hat;
    }
    expected.push_back(p);
  }
  auto o = make("radam", {{"lr", lr}, {"beta2", b2}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
}

TEST(Optimizers, AdadeltaFirstThreeStepsByHand) {
  const double lr = 2.0, rho = 0.9, eps = 1e-6;
  glm::dvec2 p(1.0, 1.0), v(0.0), u(0.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = grad(p);
    v = rho * v + (1.0 - rho) * sq(g);
    const glm::dvec2 d = root(u + eps) / root(v + eps) * g;
    u = rho * u + (1.0 - rho) * sq(d);
    p = p - lr * d;
    expected.push_back(p);
  }
  auto o = make("adadelta", {{"lr", lr}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
  // The first step is lr * sqrt(eps) / sqrt((1 - rho) g^2 + eps) * g: about lr * 3.16e-3 here.
  EXPECT_NEAR(1.0 - expected[0].x, lr * std::sqrt(eps / (0.1 + eps)), 1e-15);
}

TEST(Optimizers, AsgdFourStepsByHandAndItsAverage) {
  const double lr = 0.1, lambd = 0.1, alpha = 0.75, t0 = 0.0;
  glm::dvec2 p(1.0, 1.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 4; ++t) {
    // torch 1.13 keeps eta in a float32 tensor: even the first step is float(lr), not lr.
    const double eta = static_cast<float>(lr / std::pow(1.0 + lambd * lr * (t - 1), alpha));
    p = p * (1.0 - lambd * eta) - eta * grad(p);
    expected.push_back(p);
  }
  auto o = make("asgd", {{"lr", lr}, {"lambd", lambd}, {"alpha", alpha}, {"t0", t0}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
  // mu_t = 1 / max(1, t - 1 - t0): the average copies the point up to step t0 + 2, then is
  // the running mean of the points since then (mu, too, is a float32 in torch: 1/3 is rounded).
  glm::dvec2 average = expected[1];
  average += (expected[2] - average) * 0.5;
  average += (expected[3] - average) * static_cast<double>(1.0f / 3.0f);
  const glm::dvec2 ax = dynamic_cast<const Asgd&>(*o).averaged_position();
  EXPECT_NEAR(ax.x, average.x, 1e-15);
  EXPECT_NEAR(ax.y, average.y, 1e-15);
  const glm::dvec2 mean = (expected[1] + expected[2] + expected[3]) / 3.0;
  EXPECT_NEAR(ax.x, mean.x, 1e-8);  // about the mean of the last three points
  EXPECT_NEAR(ax.y, mean.y, 1e-8);
  o->reset();
  EXPECT_EQ(dynamic_cast<const Asgd&>(*o).averaged_position(), glm::dvec2(0.0));
}

TEST(Optimizers, RpropStepsByHand) {
  // x (gradient x) from 1: steps 0.5 and 0.6 (same sign: * eta_plus), overshoots past 0, so the
  // step size becomes 0.6 * eta_minus = 0.3 and that step does not move; then 0.3 again.
  // y (gradient 10 y) from -0.2: 0.5 up, overshoots at once: 0.25 and stays; 0.25, then 0.3.
  auto o = make("rprop", {{"lr", 0.5}});
  expect_three_steps(*o, {1.0, -0.2}, {{0.5, 0.3}, {-0.1, 0.3}, {-0.1, 0.05}, {0.2, -0.25}});
  // Steps are clamped to [step_size_min, step_size_max].
  auto clamped = make("rprop", {{"lr", 0.5}, {"step_size_max", 0.55}, {"step_size_min", 0.4}});
  expect_three_steps(*clamped, {1.0, -0.2}, {{0.5, 0.3}, {-0.05, 0.3}, {-0.05, -0.1}});
}

// The sign methods step by exactly lr per coordinate; sign(0) = 0, so a coordinate whose
// gradient (or momentum) is zero does not move.
TEST(Optimizers, SignSgdStepsByHand) {
  auto o = make("signsgd", {{"lr", 0.25}});
  // y starts at the minimum's coordinate: g_y = 0, sign 0, no step.
  expect_three_steps(*o, {1.0, 0.0}, {{0.75, 0.0}, {0.5, 0.0}, {0.25, 0.0}});
  o->reset();
  // g_y = 10 y: from 0.3 the steps overshoot and then oscillate between 0.05 and -0.2.
  expect_three_steps(*o, {-1.0, 0.3}, {{-0.75, 0.05}, {-0.5, -0.2}, {-0.25, 0.05}});
}

TEST(Optimizers, SignumStepsByHand) {
  const double lr = 0.25, beta = 0.9;
  auto o = make("signum", {{"lr", lr}, {"beta", beta}});
  // x: m = 0.1, 0.165, 0.1985, all > 0. y from 0.05: g = 0.5, -2, 0.5 and m = 0.05, -0.155,
  // -0.0895: at step 3 the momentum is still negative, so the ball climbs against g_3 > 0.
  expect_three_steps(*o, {1.0, 0.05}, {{0.75, -0.2}, {0.5, 0.05}, {0.25, 0.3}});
  o->reset();
  // Zero gradient, zero momentum: sign(0) = 0, the ball stays.
  expect_three_steps(*o, {0.0, 0.0}, {{0.0, 0.0}, {0.0, 0.0}, {0.0, 0.0}});
}

TEST(Optimizers, LionStepsByHand) {
  const double lr = 0.25, b1 = 0.9, b2 = 0.99;
  auto o = make("lion", {{"lr", lr}, {"beta1", b1}, {"beta2", b2}});
  // x: c = 0.1, 0.084, 0.06566 > 0. y from 0.05: g = 0.5, -2, 0.5; m = 0.005, -0.01505;
  // c = 0.05, -0.1955, 0.036455: sign(c) follows the gradient, the slow m does not decide.
  expect_three_steps(*o, {1.0, 0.05}, {{0.75, -0.2}, {0.5, 0.05}, {0.25, -0.2}});
  // Decoupled weight decay: p - lr (sign(c) + wd p), against the formula for three steps.
  const double wd = 0.5;
  glm::dvec2 p(1.0, 0.0), m(0.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = grad(p);
    const glm::dvec2 c = b1 * m + (1.0 - b1) * g;
    const glm::dvec2 sign_c(c.x > 0 ? 1.0 : c.x < 0 ? -1.0 : 0.0, c.y > 0 ? 1.0 : c.y < 0 ? -1.0 : 0.0);
    p = p - lr * (sign_c + wd * p);
    m = b2 * m + (1.0 - b2) * g;
    expected.push_back(p);
  }
  EXPECT_DOUBLE_EQ(expected[0].x, 0.625);  // 1 - 0.25 (1 + 0.5)
  EXPECT_EQ(expected[0].y, 0.0);           // sign(0) = 0 and wd * 0 = 0
  auto decayed = make("lion", {{"lr", lr}, {"weight_decay", wd}});
  expect_three_steps(*decayed, {1.0, 0.0}, expected);
}

TEST(Optimizers, AdaBeliefFirstThreeStepsByHand) {
  const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-16;
  glm::dvec2 p(1.0, 1.0), m(0.0), s(0.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = grad(p);
    m = b1 * m + (1.0 - b1) * g;
    s = b2 * s + (1.0 - b2) * sq(g - m) + eps;
    const glm::dvec2 m_hat = m / (1.0 - std::pow(b1, t)), s_hat = s / (1.0 - std::pow(b2, t));
    p = p - lr * m_hat / (root(s_hat) + eps);
    expected.push_back(p);
  }
  auto o = make("adabelief", {{"lr", lr}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
  // Step 1: m_hat = g and s_hat = (g - 0.1 g)^2 = 0.81 g^2, so the step is lr / 0.9 in each
  // coordinate, whatever the curvature.
  EXPECT_NEAR(expected[0].x, 1.0 - lr / 0.9, 1e-12);
  EXPECT_NEAR(expected[0].y, 1.0 - lr / 0.9, 1e-12);
}

TEST(Optimizers, SgdOptionsByHand) {
  // gd: maximize climbs (the gradient's sign flipped), weight_decay adds wd * p to the gradient.
  {
    const double lr = 0.05, wd = 0.2;
    glm::dvec2 p(1.0, 1.0);
    std::vector<glm::dvec2> expected;
    for (int t = 1; t <= 3; ++t) {
      p = p - lr * (-grad(p) + wd * p);
      expected.push_back(p);
    }
    auto o = make("gd", {{"lr", lr}, {"weight_decay", wd}, {"maximize", 1.0}});
    expect_three_steps(*o, {1.0, 1.0}, expected);
    EXPECT_GT(expected[0].x, 1.0);  // uphill
  }
  // momentum: from the second step on the new gradient enters the buffer times (1 - dampening).
  {
    const double lr = 0.05, mu = 0.9, dampening = 0.3, wd = 0.1;
    glm::dvec2 p(1.0, 1.0), b(0.0);
    std::vector<glm::dvec2> expected;
    for (int t = 1; t <= 3; ++t) {
      const glm::dvec2 g = grad(p) + wd * p;
      b = t == 1 ? g : mu * b + (1.0 - dampening) * g;
      p = p - lr * b;
      expected.push_back(p);
    }
    auto o = make("momentum", {{"lr", lr}, {"momentum", mu}, {"dampening", dampening}, {"weight_decay", wd}});
    expect_three_steps(*o, {1.0, 1.0}, expected);
  }
  // nesterov, maximized: the same rule on -grad.
  {
    const double lr = 0.01, mu = 0.9;
    glm::dvec2 p(1.0, 1.0), b(0.0);
    std::vector<glm::dvec2> expected;
    for (int t = 1; t <= 3; ++t) {
      const glm::dvec2 g = -grad(p);
      b = t == 1 ? g : mu * b + g;
      p = p - lr * (g + mu * b);
      expected.push_back(p);
    }
    auto o = make("nesterov", {{"lr", lr}, {"momentum", mu}, {"maximize", 1.0}});
    expect_three_steps(*o, {1.0, 1.0}, expected);
  }
}

TEST(Optimizers, AdamAmsgradByHand) {
  // beta2 = 0.5 on a shrinking gradient: v_t falls, and AMSGrad divides by the largest v so far.
  for (bool decoupled : {false, true}) {
    const double lr = 0.2, b1 = 0.9, b2 = 0.5, eps = 1e-8, wd = decoupled ? 0.01 : 0.0;
    glm::dvec2 p(1.0, 1.0), m(0.0), v(0.0), vmax(0.0);
    std::vector<glm::dvec2> expected;
    bool max_used = false;
    for (int t = 1; t <= 4; ++t) {
      const glm::dvec2 g = grad(p);
      p = p * (1.0 - lr * wd);
      m = b1 * m + (1.0 - b1) * g;
      v = b2 * v + (1.0 - b2) * sq(g);
      vmax = glm::max(vmax, v);
      max_used = max_used || vmax != v;
      p = p - lr * (m / (1.0 - std::pow(b1, t))) / (root(vmax / (1.0 - std::pow(b2, t))) + eps);
      expected.push_back(p);
    }
    EXPECT_TRUE(max_used);
    auto o = make(decoupled ? "adamw" : "adam", {{"lr", lr}, {"beta2", b2}, {"weight_decay", wd}, {"amsgrad", 1.0}});
    Quadratic f;
    glm::dvec2 q(1.0, 1.0);
    for (const glm::dvec2& e : expected) {
      q = o->step(f, q);
      EXPECT_NEAR(q.x, e.x, 1e-13) << o->name();  // the formula as written rounds differently from torch's order
      EXPECT_NEAR(q.y, e.y, 1e-13) << o->name();
    }
    // maximize: Adam on -f's gradient is Adam's step mirrored (m changes sign, v does not).
    auto up = make(decoupled ? "adamw" : "adam", {{"lr", lr}, {"weight_decay", 0.0}, {"maximize", 1.0}});
    auto down = make(decoupled ? "adamw" : "adam", {{"lr", lr}, {"weight_decay", 0.0}});
    const glm::dvec2 start(1.0, 1.0);
    EXPECT_EQ(up->step(f, start) - start, start - down->step(f, start));
  }
}

TEST(Optimizers, RmsPropCenteredAndMomentumByHand) {
  const double lr = 0.01, alpha = 0.9, eps = 1e-8, momentum = 0.8, wd = 0.1;
  glm::dvec2 p(1.0, 1.0), v(0.0), a(0.0), b(0.0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = grad(p) + wd * p;
    v = alpha * v + (1.0 - alpha) * sq(g);
    a = alpha * a + (1.0 - alpha) * g;
    b = momentum * b + g / (root(v - sq(a)) + eps);
    p = p - lr * b;
    expected.push_back(p);
  }
  auto o =
      make("rmsprop", {{"lr", lr}, {"alpha", alpha}, {"momentum", momentum}, {"centered", 1.0}, {"weight_decay", wd}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
  // Centered, the first step divides by sqrt(v - a^2) = sqrt(alpha (1 - alpha)) |g|: 1 / 0.3 of
  // lr, where uncentered it is 1 / sqrt(1 - alpha) of lr.
  EXPECT_NEAR(1.0 - expected[0].x, lr / std::sqrt(alpha * (1.0 - alpha)), 1e-8);
}

TEST(Optimizers, AdagradLrDecayAndInitialAccumulatorByHand) {
  const double lr = 0.1, eps = 1e-10, lr_decay = 0.5, s0 = 2.0;
  glm::dvec2 p(1.0, 1.0), s(s0);
  std::vector<glm::dvec2> expected;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = -grad(p);  // maximize
    s += sq(g);
    p = p - lr / (1.0 + (t - 1) * lr_decay) * g / (root(s) + eps);
    expected.push_back(p);
  }
  auto o = make("adagrad", {{"lr", lr}, {"lr_decay", lr_decay}, {"initial_accumulator_value", s0}, {"maximize", 1.0}});
  expect_three_steps(*o, {1.0, 1.0}, expected);
  // After reset() the sum starts from initial_accumulator_value again, in step() and in the lanes.
  o->reset();
  expect_three_steps(*o, {1.0, 1.0}, expected);
  auto lanes = o->lanes();
  ASSERT_NE(lanes, nullptr);
  lanes->reset();
  Quadratic f;
  double x = 1.0, y = 1.0, nx = 0.0, ny = 0.0;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = f.gradient({x, y});
    lanes->step(t, &x, &y, &g.x, &g.y, &nx, &ny, 1, f.domain());
    EXPECT_NEAR(nx, expected[t - 1].x, 1e-14);
    EXPECT_NEAR(ny, expected[t - 1].y, 1e-14);
    x = nx;
    y = ny;
  }
}

TEST(Optimizers, MaximizeIsTheRuleOnMinusTheGradient) {
  // Every method with torch's maximize climbs -f by the very steps it takes down f without it.
  class Negated final : public CostFunction {
   public:
    double value(glm::dvec2 p) const override { return -f.value(p); }
    glm::dvec2 gradient(glm::dvec2 p) const override { return -f.gradient(p); }
    glm::dmat2 hessian(glm::dvec2 p) const override { return -f.hessian(p); }
    const std::string& name() const override { return f.name(); }
    const std::string& title() const override { return f.title(); }
    const std::string& formula() const override { return f.formula(); }
    Domain domain() const override { return f.domain(); }
    Quadratic f;
  };
  for (const std::string& name : optimizer_names()) {
    auto up = make_optimizer(name);
    if (!up->set_parameter("maximize", 1.0)) continue;
    auto down = make_optimizer(name);
    Quadratic f;
    Negated minus_f;
    glm::dvec2 p(0.5, -0.3), q = p;
    for (int i = 0; i < 5; ++i) {
      p = up->step(minus_f, p);
      q = down->step(f, q);
      ASSERT_EQ(p, q) << name << " step " << i + 1;
    }
  }
}

TEST(Optimizers, LbfgsTwoIterationsByHand) {
  // max_iter = 2 (max_eval 10: its default, 2 * 5 / 4 = 2, would end the step after iteration 1),
  // no line search, on f = (x^2 + 10 y^2) / 2 from (1, 1). Iteration 1: d = -g,
  // t = min(1, 1 / |g|_1) lr. Iteration 2: one (s, y) pair, H_diag = y.s / y.y, the two-loop
  // recursion, t = lr. A step evaluates f at its start and after iteration 1 (not after the last).
  const double lr = 1.0;
  const glm::dvec2 p0(1.0, 1.0), g0 = grad(p0);
  const double t0 = std::min(1.0, 1.0 / (std::abs(g0.x) + std::abs(g0.y))) * lr;
  const glm::dvec2 p1 = p0 - t0 * g0, g1 = grad(p1);
  const glm::dvec2 s = -t0 * g0, y = g1 - g0;
  const double rho = 1.0 / glm::dot(y, s), h_diag = glm::dot(y, s) / glm::dot(y, y);
  glm::dvec2 q = -g1;
  const double al = rho * glm::dot(s, q);
  q -= al * y;
  glm::dvec2 r = h_diag * q;
  const double be = rho * glm::dot(y, r);
  r += (al - be) * s;
  const glm::dvec2 p2 = p1 + lr * r;
  auto o = make("lbfgs", {{"max_iter", 2.0}, {"max_eval", 10.0}});
  Quadratic f;
  const glm::dvec2 q2 = o->step(f, p0);
  EXPECT_NEAR(q2.x, p2.x, 1e-14);
  EXPECT_NEAR(q2.y, p2.y, 1e-14);
  const auto& lbfgs = dynamic_cast<const Lbfgs&>(*o);
  ASSERT_EQ(lbfgs.last_evaluations().size(), 2u);
  EXPECT_EQ(lbfgs.last_evaluations()[0], p0);
  EXPECT_NEAR(lbfgs.last_evaluations()[1].x, p1.x, 1e-15);
  EXPECT_NEAR(lbfgs.last_evaluations()[1].y, p1.y, 1e-15);
  EXPECT_EQ(lbfgs.function_evaluations(), 2u);
  EXPECT_EQ(o->velocity(), q2 - p0);
  EXPECT_EQ(o->lanes(), nullptr);
  // With max_eval's default the same step ends after iteration 1, as torch's does.
  auto capped = make("lbfgs", {{"max_iter", 2.0}});
  EXPECT_EQ(capped->step(f, p0), lbfgs.last_evaluations()[1]);
  // With the strong Wolfe line search one ball step (max_iter 20) ends next to the minimum,
  // where f changes by less than tolerance_change, counting every evaluation the search made.
  auto wolfe = make("lbfgs", {{"strong_wolfe", 1.0}});
  const glm::dvec2 end = wolfe->step(f, p0);
  EXPECT_LT(glm::length(end), 1e-4);
  EXPECT_LT(f.value(end), 1e-9);
  const auto& searched = dynamic_cast<const Lbfgs&>(*wolfe);
  EXPECT_GT(searched.last_evaluations().size(), 2u);
  EXPECT_EQ(searched.last_evaluations().size(), searched.function_evaluations());
  // Where the gradient is already below tolerance_grad a step evaluates once and stays.
  EXPECT_EQ(wolfe->step(f, glm::dvec2(0.0)), glm::dvec2(0.0));
  EXPECT_EQ(searched.last_evaluations().size(), 1u);
  wolfe->reset();
  EXPECT_EQ(searched.function_evaluations(), 0u);
  EXPECT_TRUE(searched.last_evaluations().empty());
}

TEST(Optimizers, FiveStepsAreBitForBitTheOnesCheckedAgainstTorch) {
  // Pinned from the implementation that was checked bit for bit against torch.optim 1.13
  // (float64, commit e84acb0), so any change to the arithmetic or its order shows here.
  struct Case {
    std::string optimizer;
    std::vector<std::pair<std::string, double>> parameters;
    glm::dvec2 after_five;
  };
  const std::vector<Case> cases = {
      {"gd", {{"lr", 0.01}}, {-0x1.1591f11dee5cp+0, 0x1.7ca792131e748p+1}},
      {"momentum", {{"lr", 0.01}}, {-0x1.2a69c21569506p+1, 0x1.8af2d83a3ba25p+1}},
      {"momentum", {{"lr", 0.01}, {"weight_decay", 0.1}}, {-0x1.28a59b3070cep+1, 0x1.8af0be4cba612p+1}},
      {"nesterov", {{"lr", 0.01}, {"weight_decay", 0.1}}, {-0x1.b2036bdfaac0dp+1, 0x1.9415192ec2a86p+1}},
      {"adagrad", {{"lr", 0.1}, {"weight_decay", 0.1}}, {-0x1.9a2795a9d6548p-1, 0x1.a04a14a4bff24p+0}},
      {"rmsprop", {{"lr", 0.01}, {"weight_decay", 0.1}}, {-0x1.9aa08b7ee3268p-1, 0x1.a09e703897abdp+0}},
      {"adam", {{"lr", 0.1}}, {-0x1.c5f259c65df5dp-1, 0x1.ccec8afe544ffp+0}},
      {"adam", {{"lr", 0.1}, {"weight_decay", 0.1}}, {-0x1.c5e08e060651bp-1, 0x1.ccec1e93fee16p+0}},
      {"adamw", {{"lr", 0.1}, {"weight_decay", 0.1}}, {-0x1.b7735a5ad816ep-1, 0x1.ba149c358ec91p+0}},
  };
  auto himmelblau = make_builtin_function("himmelblau");
  for (const Case& c : cases) {
    auto o = make(c.optimizer, c.parameters);
    glm::dvec2 p(-0.4, 1.3);
    for (int i = 0; i < 5; ++i) p = o->step(*himmelblau, p);
    EXPECT_EQ(p.x, c.after_five.x) << c.optimizer << " with " << c.parameters.size() << " parameters set";
    EXPECT_EQ(p.y, c.after_five.y) << c.optimizer << " with " << c.parameters.size() << " parameters set";
  }
}

TEST(Optimizers, NewtonConvergesInOneStepOnQuadratics) {
  for (const char* name : {"bowl", "booth", "matyas"}) {
    auto cost = make_builtin_function(name);
    auto newton = make("newton", {{"max_step", 100.0}});
    const glm::dvec2 p = newton->step(*cost, {3.0, -2.0});
    const glm::dvec2 minimum = cost->known_minima().front().position;
    EXPECT_NEAR(p.x, minimum.x, 1e-12) << name;
    EXPECT_NEAR(p.y, minimum.y, 1e-12) << name;
  }
}

TEST(Optimizers, NewtonIsAttractedToTheSaddlePoint) {
  // On x^2 - y^2 gradient descent runs away from the saddle along y; pure Newton jumps onto it.
  auto saddle = make_builtin_function("saddle");
  auto newton = make("newton", {});
  const glm::dvec2 p = newton->step(*saddle, {0.5, 0.4});
  EXPECT_NEAR(p.x, 0.0, 1e-15);
  EXPECT_NEAR(p.y, 0.0, 1e-15);
  EXPECT_NEAR(glm::length(saddle->gradient(p)), 0.0, 1e-14);
}

TEST(Optimizers, NewtonTrustRadiusLimitsTheStep) {
  auto bowl = make_builtin_function("bowl");
  auto newton = make("newton", {{"max_step", 0.5}});
  const glm::dvec2 p = newton->step(*bowl, {4.0, 3.0});
  EXPECT_NEAR(glm::length(p - glm::dvec2(4.0, 3.0)), 0.5, 1e-12);
}

struct ConvergenceCase {
  const char* optimizer;
  std::vector<std::pair<std::string, double>> params;
  const char* function;
  glm::dvec2 start;
  std::size_t steps;
  double tolerance = 1e-4;  // distance to the minimum
};

class Convergence : public ::testing::TestWithParam<ConvergenceCase> {};

TEST_P(Convergence, ReachesTheMinimum) {
  const ConvergenceCase& c = GetParam();
  std::shared_ptr<const CostFunction> cost = make_builtin_function(c.function);
  Simulation sim(cost);
  sim.add_ball(c.start, make(c.optimizer, c.params));
  sim.run_steps(c.steps);
  const Ball& ball = sim.balls()[0];
  const glm::dvec2 minimum = cost->known_minima().front().position;
  EXPECT_LT(glm::length(ball.position - minimum), c.tolerance)
      << c.optimizer << " on " << c.function << " ended at " << ball.position.x << ", " << ball.position.y << " after "
      << ball.steps << " steps (" << to_string(ball.status) << ")";
  EXPECT_NE(ball.status, BallStatus::diverged);
}

INSTANTIATE_TEST_SUITE_P(
    Optimizers, Convergence,
    ::testing::Values(ConvergenceCase{"adam", {{"lr", 0.1}}, "booth", {-6.0, -4.0}, 20000},
                      ConvergenceCase{"rmsprop", {{"lr", 0.01}}, "booth", {-6.0, -4.0}, 20000},
                      ConvergenceCase{"momentum", {{"lr", 0.01}}, "booth", {-6.0, -4.0}, 20000},
                      ConvergenceCase{"adam", {{"lr", 0.02}}, "rosenbrock", {-1.5, 2.0}, 20000},
                      // RMSProp's steps are about lr long whatever the gradient, so with a constant
                      // lr it hovers within about lr of the minimum rather than settling on it.
                      ConvergenceCase{"rmsprop", {{"lr", 0.0002}}, "rosenbrock", {-1.5, 2.0}, 100000, 1e-3},
                      ConvergenceCase{"momentum", {{"lr", 0.0005}}, "rosenbrock", {-1.5, 2.0}, 50000},
                      ConvergenceCase{"newton", {}, "rosenbrock", {-1.5, 2.0}, 200}),
    [](const ::testing::TestParamInfo<ConvergenceCase>& param_info) {
      return std::string(param_info.param.optimizer) + "_on_" + param_info.param.function;
    });

TEST(Optimizers, ResetForgetsStateAndCloneKeepsParameters) {
  auto cost = make_builtin_function("booth");
  for (const std::string& name : optimizer_names()) {
    auto o = make_optimizer(name);
    const auto& first = o->parameter_table().front();
    ASSERT_EQ(o->set_parameter(first.key, first.default_value * 0.5).error(), "") << name;  // not the default
    auto run = [&](Optimizer& opt) {
      glm::dvec2 p(-6.0, -4.0);
      for (int i = 0; i < 50; ++i) p = opt.step(*cost, p);
      EXPECT_TRUE(std::isfinite(p.x) && std::isfinite(p.y)) << opt.name();
      return p;
    };
    const glm::dvec2 a = run(*o);
    o->reset();
    const glm::dvec2 b = run(*o);
    EXPECT_EQ(a, b) << name << ": a run after reset() must repeat the first bit for bit";
    auto copy = o->clone();
    EXPECT_EQ(copy->parameter_values(), o->parameter_values()) << name;
    copy->reset();
    EXPECT_EQ(run(*copy), a) << name;
  }
}

TEST(Optimizers, ParameterValidationNamesTheProblem) {
  auto adam = make_optimizer("adam");
  EXPECT_EQ(adam->set_parameter("betas", 0.9).error(),
            "unknown parameter 'betas' for optimizer 'adam' (valid: lr, beta1, beta2, eps, weight_decay, amsgrad, "
            "maximize)");
  EXPECT_EQ(adam->set_parameter("beta1", 1.5).error(), "beta1: must be <= 0.9999, got 1.5");
  EXPECT_EQ(adam->set_parameter("eps", -1.0).error(), "eps: must be >= 0, got -1");
  EXPECT_EQ(adam->set_parameter("lr", std::nan("")).error(), "lr: must be a finite number, got nan");
  EXPECT_EQ(adam->set_parameter("amsgrad", 0.5).error(), "amsgrad: must be 0 or 1, got 0.5");
  EXPECT_EQ(adam->set_parameter("amsgrad", 2.0).error(), "amsgrad: must be <= 1, got 2");
  EXPECT_EQ(make_optimizer("adamw")->set_parameter("ams_grad", 1.0).error(),
            "unknown parameter 'ams_grad' for optimizer 'adamw' (valid: lr, beta1, beta2, eps, weight_decay, amsgrad, "
            "maximize)");
  EXPECT_EQ(make_optimizer("momentum")->set_parameter("dampning", 0.1).error(),
            "unknown parameter 'dampning' for optimizer 'momentum' (valid: lr, momentum, weight_decay, dampening, "
            "maximize)");
  // torch refuses dampening with nesterov=True, so Nesterov has none.
  EXPECT_EQ(make_optimizer("nesterov")->set_parameter("dampening", 0.1).error(),
            "unknown parameter 'dampening' for optimizer 'nesterov' (valid: lr, momentum, weight_decay, maximize)");
  EXPECT_EQ(make_optimizer("gd")->set_parameter("maximise", 1.0).error(),
            "unknown parameter 'maximise' for optimizer 'gd' (valid: lr, weight_decay, maximize)");
  EXPECT_EQ(make_optimizer("rmsprop")->set_parameter("centred", 1.0).error(),
            "unknown parameter 'centred' for optimizer 'rmsprop' (valid: lr, alpha, eps, weight_decay, momentum, "
            "centered, maximize)");
  EXPECT_EQ(make_optimizer("rmsprop")->set_parameter("centered", -1.0).error(), "centered: must be >= 0, got -1");
  EXPECT_EQ(make_optimizer("adagrad")->set_parameter("initial_accumulator", 0.1).error(),
            "unknown parameter 'initial_accumulator' for optimizer 'adagrad' (valid: lr, eps, weight_decay, lr_decay, "
            "initial_accumulator_value, maximize)");
  EXPECT_EQ(make_optimizer("adagrad")->set_parameter("lr_decay", -0.1).error(), "lr_decay: must be >= 0, got -0.1");
  auto lbfgs = make_optimizer("lbfgs");
  EXPECT_EQ(lbfgs->set_parameter("max_iter", 2.5).error(), "max_iter: must be a whole number, got 2.5");
  EXPECT_EQ(lbfgs->set_parameter("history_size", 0.0).error(), "history_size: must be >= 1, got 0");
  EXPECT_EQ(lbfgs->set_parameter("line_search_fn", 1.0).error(),
            "unknown parameter 'line_search_fn' for optimizer 'lbfgs' (valid: lr, max_iter, max_eval, tolerance_grad, "
            "tolerance_change, history_size, strong_wolfe)");
  auto rprop = make_optimizer("rprop");
  EXPECT_EQ(rprop->set_parameter("etas", 0.5).error(),
            "unknown parameter 'etas' for optimizer 'rprop' (valid: lr, eta_minus, eta_plus, step_size_min, "
            "step_size_max, maximize)");
  EXPECT_EQ(rprop->set_parameter("eta_plus", 1.0).error(), "eta_plus: must be > 1, got 1");
  EXPECT_EQ(make_optimizer("nadam")->set_parameter("momentum_decy", 0.1).error(),
            "unknown parameter 'momentum_decy' for optimizer 'nadam' (valid: lr, beta1, beta2, eps, weight_decay, "
            "momentum_decay)");
  EXPECT_EQ(make_optimizer("asgd")->set_parameter("lambda", 0.1).error(),
            "unknown parameter 'lambda' for optimizer 'asgd' (valid: lr, lambd, alpha, t0, weight_decay, "
            "maximize)");
  EXPECT_EQ(make_optimizer("adadelta")->set_parameter("rho", 1.5).error(), "rho: must be <= 1, got 1.5");
  EXPECT_EQ(make_optimizer("lion")->set_parameter("betas", 0.9).error(),
            "unknown parameter 'betas' for optimizer 'lion' (valid: lr, beta1, beta2, weight_decay)");
  EXPECT_EQ(make_optimizer("signsgd")->set_parameter("momentum", 0.9).error(),
            "unknown parameter 'momentum' for optimizer 'signsgd' (valid: lr)");
  EXPECT_EQ(make_optimizer("signum")->set_parameter("momentum", 0.9).error(),
            "unknown parameter 'momentum' for optimizer 'signum' (valid: lr, beta)");
  EXPECT_EQ(make_optimizer("adabelief")->set_parameter("weight_decay", 0.1).error(),
            "unknown parameter 'weight_decay' for optimizer 'adabelief' (valid: lr, beta1, beta2, eps)");
  EXPECT_EQ(make_optimizer("signum")->set_parameter("beta", 1.5).error(), "beta: must be <= 1, got 1.5");
  auto ball = make_optimizer("ball");
  EXPECT_EQ(ball->set_parameter("dt", 0.0).error(), "dt: must be > 0, got 0");
  EXPECT_EQ(ball->set_parameter("friction", -0.1).error(), "friction: must be >= 0, got -0.1");
}

TEST(Optimizers, EveryParameterHasHelpAndADefaultInsideItsRange) {
  for (const std::string& name : optimizer_names()) {
    auto o = make_optimizer(name);
    ASSERT_FALSE(o->parameter_table().empty()) << name;
    for (const ParameterSpec& spec : o->parameter_table()) {
      EXPECT_FALSE(spec.help.empty()) << name << "." << spec.key;
      EXPECT_EQ(check_parameter(spec, spec.default_value).error(), "") << name << "." << spec.key;
    }
  }
}
