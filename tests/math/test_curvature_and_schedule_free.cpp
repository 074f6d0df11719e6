// Sophia, Shampoo and Schedule-Free SGD / AdamW: each against its paper's rule worked out by hand,
// Shampoo's rotation invariance (and Adam's lack of it), the defaults reaching a minimum, and
// mistyped keys refused. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/schedule_free.hpp"
#include "engine/core/optimizers/shampoo.hpp"
#include "engine/core/optimizers/sophia.hpp"
#include "engine/sim/simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace losscape;

namespace {

// f = p^T A p / 2 for a symmetric A: gradient A p, Hessian A.
class QuadraticForm final : public CostFunction {
 public:
  explicit QuadraticForm(glm::dmat2 matrix) : a(matrix) {}
  double value(glm::dvec2 p) const override { return 0.5 * glm::dot(p, a * p); }
  glm::dvec2 gradient(glm::dvec2 p) const override { return a * p; }
  glm::dmat2 hessian(glm::dvec2) const override { return a; }
  const std::string& name() const override { return text; }
  const std::string& title() const override { return text; }
  const std::string& formula() const override { return text; }
  Domain domain() const override { return {-5, 5, -5, 5}; }
  glm::dmat2 a;
  std::string text = "quadratic form";
};

// f(R q) for a rotation R: its gradient is R^T grad f(R q), its Hessian R^T H R.
class Rotated final : public CostFunction {
 public:
  Rotated(std::shared_ptr<const CostFunction> f, double degrees) : f_(std::move(f)) {
    const double t = degrees * std::acos(-1.0) / 180.0;
    r_ = glm::dmat2(std::cos(t), std::sin(t), -std::sin(t), std::cos(t));  // columns
  }
  glm::dvec2 turn(glm::dvec2 q) const { return r_ * q; }
  glm::dvec2 turn_back(glm::dvec2 p) const { return glm::transpose(r_) * p; }
  double value(glm::dvec2 q) const override { return f_->value(turn(q)); }
  glm::dvec2 gradient(glm::dvec2 q) const override { return turn_back(f_->gradient(turn(q))); }
  glm::dmat2 hessian(glm::dvec2 q) const override { return glm::transpose(r_) * f_->hessian(turn(q)) * r_; }
  const std::string& name() const override { return f_->name(); }
  const std::string& title() const override { return f_->title(); }
  const std::string& formula() const override { return f_->formula(); }
  Domain domain() const override { return f_->domain(); }

 private:
  std::shared_ptr<const CostFunction> f_;
  glm::dmat2 r_{1.0};
};

std::unique_ptr<Optimizer> make_with(const std::string& name,
                                     const std::vector<std::pair<std::string, double>>& params) {
  auto o = make_optimizer(name);
  for (const auto& [key, value] : params) EXPECT_EQ(o->set_parameter(key, value).error(), "") << key;
  return o;
}

void expect_close(glm::dvec2 got, glm::dvec2 want, double tolerance, const std::string& what) {
  EXPECT_NEAR(got.x, want.x, tolerance * std::max(1.0, std::abs(want.x))) << what;
  EXPECT_NEAR(got.y, want.y, tolerance * std::max(1.0, std::abs(want.y))) << what;
}

const glm::dmat2 kDiagonal(1.0, 0.0, 0.0, 10.0);  // f = (x^2 + 10 y^2) / 2

}  // namespace

TEST(Sophia, ThreeStepsByHandWithClippingAndHessianEveryTwoSteps) {
  // k = 2: the Hessian diagonal (1, 10) enters h at steps 1 and 3. rho and the start chosen so
  // that at step 1 x is clipped (m_x = 0.1 against rho h_x = 0.05) and y is not (0.1 against 0.5).
  const double lr = 0.1, beta1 = 0.9, beta2 = 0.5, rho = 0.1, wd = 0.1, eps = 1e-12;
  auto sophia = make_with(
      "sophia", {{"lr", lr}, {"beta1", beta1}, {"beta2", beta2}, {"rho", rho}, {"k", 2.0}, {"weight_decay", wd}});
  const QuadraticForm f(kDiagonal);
  const glm::dvec2 diag(1.0, 10.0);
  glm::dvec2 p(1.0, 0.1), m(0.0), h(0.0);
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = kDiagonal * p;
    m = beta1 * m + (1.0 - beta1) * g;
    if (t != 2) h = beta2 * h + (1.0 - beta2) * diag;
    glm::dvec2 ratio;
    for (int i = 0; i < 2; ++i) ratio[i] = std::clamp(m[i] / std::max(rho * h[i], eps), -1.0, 1.0);
    const glm::dvec2 want = p - lr * wd * p - lr * ratio;
    if (t == 1) {
      EXPECT_EQ(ratio.x, 1.0);
      EXPECT_LT(ratio.y, 1.0);
    }
    const glm::dvec2 got = sophia->step(f, p);
    expect_close(got, want, 1e-15, "sophia step " + std::to_string(t));
    expect_close(sophia->velocity(), want - p, 1e-15, "sophia velocity " + std::to_string(t));
    p = want;
  }
  expect_close(dynamic_cast<Sophia&>(*sophia).curvature(), 0.75 * diag, 1e-15, "h after two updates");
}

TEST(Sophia, NegativeCurvatureGivesASignStepOfLrDownhill) {
  // On x^2 - y^2 the y curvature is -2: max(rho * h, eps) = eps, the ratio is clipped, and y moves
  // by exactly lr away from the saddle (downhill); x (curvature 2, h tiny at first) is clipped too.
  auto saddle = make_builtin_function("saddle");
  auto sophia = make_optimizer("sophia");
  const glm::dvec2 p(0.5, 0.1), next = sophia->step(*saddle, p);
  EXPECT_EQ(next.x, 0.5 - 0.02);
  EXPECT_EQ(next.y, 0.1 + 0.02);
}

TEST(Shampoo, InverseSquareRootIsExactAndKeepsTheSmallEigenvalue) {
  // Against the closed form sqrt(M) = (M + sqrt(det M) I) / sqrt(tr M + 2 sqrt(det M)).
  const glm::dvec3 s(4.0, 1.5, 2.0);
  const double shift = 0.25;
  const glm::dmat2 m(s.x + shift, s.y, s.y, s.z + shift);
  const double root_det = std::sqrt(glm::determinant(m));
  const glm::dmat2 root = (m + glm::dmat2(root_det)) / std::sqrt(m[0][0] + m[1][1] + 2.0 * root_det);
  const glm::dvec2 v(0.3, -1.7);
  expect_close(inverse_sqrt_times(s, shift, v), glm::inverse(root) * v, 1e-15, "M^{-1/2} v");
  // S = g g^T, of rank one, as after the first step: along g the eigenvalue is |g|^2 + shift,
  // across it just shift = 1e-12, which the entries (about 10) cannot even hold. Computed as
  // l1 - 2r it would be lost (zero or negative); here the step across g is 1e6 times v's part.
  // Along g, the eigenvector's rounding (1e-16) leaves g a part across of about 1e-15, which
  // 1 / sqrt(1e-12) magnifies: 1e-9, as it would in any method that takes the eigenvalue exactly.
  const glm::dvec2 g(3.0, -4.0), across(0.8, 0.6);
  const glm::dvec3 rank_one(g.x * g.x, g.x * g.y, g.y * g.y);
  expect_close(inverse_sqrt_times(rank_one, 1e-12, g), g / std::sqrt(25.0 + 1e-12), 1e-9, "along g");
  expect_close(inverse_sqrt_times(rank_one, 1e-12, across), across * 1e6, 1e-9, "across g");
  // A multiple of I: any basis is an eigenbasis.
  expect_close(inverse_sqrt_times(glm::dvec3(3.0, 0.0, 3.0), 1.0, v), v / 2.0, 1e-15, "isotropic");
}

TEST(Shampoo, ThreeStepsByHandAreFullMatrixAdagrad) {
  // G_t = eps I + sum g g^T, p <- p - lr G_t^{-1/2} g_t, with G^{-1/2} by the closed form above.
  const double lr = 0.3, eps = 1e-3;
  auto shampoo = make_with("shampoo", {{"lr", lr}, {"eps", eps}});
  const glm::dmat2 a(2.0, 1.0, 1.0, 5.0);
  const QuadraticForm f(a);
  glm::dvec2 p(1.0, -2.0);
  glm::dmat2 big_g(eps);
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = a * p;
    big_g += glm::outerProduct(g, g);
    const double root_det = std::sqrt(glm::determinant(big_g));
    const glm::dmat2 root = (big_g + glm::dmat2(root_det)) / std::sqrt(big_g[0][0] + big_g[1][1] + 2.0 * root_det);
    const glm::dvec2 want = p - lr * (glm::inverse(root) * g);
    if (t == 1) expect_close(want, p - lr * g / std::sqrt(glm::dot(g, g) + eps), 1e-15, "first step: lr g / |g|");
    expect_close(shampoo->step(f, p), want, 1e-14, "shampoo step " + std::to_string(t));
    expect_close(shampoo->velocity(), want - p, 1e-13, "shampoo velocity " + std::to_string(t));
    p = want;
  }
}

TEST(Shampoo, MomentumIsAHeavyBallOnThePreconditionedStep) {
  auto plain = make_optimizer("shampoo");
  auto heavy = make_with("shampoo", {{"momentum", 0.5}});
  const QuadraticForm f(kDiagonal);
  const glm::dvec2 p0(1.0, 1.0);
  const glm::dvec2 p1 = plain->step(f, p0), q1 = heavy->step(f, p0);
  EXPECT_EQ(p1, q1);  // b_1 = d_1
  const glm::dvec2 d2 = (plain->step(f, p1) - p1) / -0.1, b1 = (p1 - p0) / -0.1;
  expect_close(heavy->step(f, q1), q1 - 0.1 * (0.5 * b1 + d2), 1e-14, "second step");
}

TEST(Shampoo, IsRotationInvariantAndAdamIsNot) {
  // Run on f(R q) from R^T p0, a method that ignores how the axes are turned follows R^T times its
  // path on f. Shampoo does, to rounding; Adam, which scales each coordinate on its own, does not.
  // On Himmelblau the two paths agree to 2e-15 over 300 steps (Adam's: 0.12 apart). On the
  // quadratic of condition 60 (the gallery scene's kind) G is nearly of rank one for the first
  // steps, and the rounding of its turned entries (1e-16 of the large eigenvalue) moves the small
  // eigenvalue by about 1e-9 of itself: the paths agree to 1.1e-11 (Adam's: 0.38 apart).
  struct Case {
    std::shared_ptr<const CostFunction> f;
    double degrees, tolerance;
  };
  const Case cases[] = {{make_builtin_function("himmelblau"), 30.0, 1e-12},
                        {std::make_shared<QuadraticForm>(glm::dmat2(1.0, 0.0, 0.0, 60.0)), 35.0, 1e-10}};
  for (const Case& c : cases) {
    const CostFunction& f = *c.f;
    const Rotated turned(c.f, c.degrees);
    const auto largest_difference = [&](const std::string& name) {
      auto on_f = make_optimizer(name), on_turned = make_optimizer(name);
      glm::dvec2 p(-3.0, 2.5), q = turned.turn_back(p);
      double largest = 0.0;
      for (int t = 0; t < 300; ++t) {
        p = on_f->step(f, p);
        q = on_turned->step(turned, q);
        largest = std::max(largest, glm::length(q - turned.turn_back(p)));
      }
      return largest;
    };
    EXPECT_LT(largest_difference("shampoo"), c.tolerance) << f.name();
    EXPECT_GT(largest_difference("adam"), 0.01) << f.name();
  }
}

TEST(ScheduleFree, SgdThreeStepsByThePapersAlgorithm) {
  // Algorithm 1 of "The Road Less Scheduled" with SGD as the base method: z_1 = x_1 = y_1 = p_0;
  // g_t at y_t (+ weight_decay y_t); z_{t+1} = z_t - lr g_t; c_{t+1} = lr^2 / (t lr^2) = 1 / t;
  // x_{t+1} = (1 - c) x_t + c z_{t+1}; y_{t+1} = (1 - beta) z_{t+1} + beta x_{t+1}.
  const double lr = 0.05, beta = 0.8, wd = 0.1;
  auto o = make_with("schedulefree_sgd", {{"lr", lr}, {"momentum", beta}, {"weight_decay", wd}});
  auto& sf = dynamic_cast<ScheduleFree&>(*o);
  EXPECT_TRUE(sf.companions().empty());
  const QuadraticForm f(kDiagonal);
  glm::dvec2 y(1.0, 1.0), z = y, x = y;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = kDiagonal * y + wd * y;
    z -= lr * g;
    const double c = 1.0 / t;
    x = (1.0 - c) * x + c * z;
    const glm::dvec2 next = (1.0 - beta) * z + beta * x;
    expect_close(o->step(f, y), next, 1e-15, "y step " + std::to_string(t));
    expect_close(sf.average(), x, 1e-15, "x step " + std::to_string(t));
    expect_close(sf.base_iterate(), z, 1e-15, "z step " + std::to_string(t));
    expect_close(o->velocity(), next - y, 1e-14, "velocity step " + std::to_string(t));
    y = next;
  }
  const auto companions = sf.companions();
  ASSERT_EQ(companions.size(), 2u);
  EXPECT_EQ(companions[0].kind, Optimizer::Companion::Kind::schedule_free_x);
  EXPECT_EQ(companions[0].position, sf.average());
  EXPECT_EQ(companions[1].kind, Optimizer::Companion::Kind::schedule_free_z);
  EXPECT_EQ(companions[1].position, sf.base_iterate());
}

TEST(ScheduleFree, WarmupRaisesLrLinearlyAndWeightsTheAverageByLrMaxSquared) {
  // warmup_steps 2: lr_1 = lr / 2, then lr. Weights lr_max^2: lr^2 / 4, lr^2, lr^2, so
  // c = 1, 1 / 1.25, 1 / 2.25. With beta = 0 the gradient is taken at z.
  const double lr = 0.05;
  auto o = make_with("schedulefree_sgd", {{"lr", lr}, {"momentum", 0.0}, {"warmup_steps", 2.0}});
  auto& sf = dynamic_cast<ScheduleFree&>(*o);
  const QuadraticForm f(kDiagonal);
  glm::dvec2 y(1.0, 1.0), z = y, x = y;
  const double lrs[] = {lr / 2.0, lr, lr}, cs[] = {1.0, 1.0 / 1.25, 1.0 / 2.25};
  for (int t = 0; t < 3; ++t) {
    z -= lrs[t] * (kDiagonal * y);
    x = (1.0 - cs[t]) * x + cs[t] * z;
    y = o->step(f, y);
    expect_close(y, z, 1e-15, "y = z with beta 0, step " + std::to_string(t + 1));
    expect_close(sf.average(), x, 1e-15, "x step " + std::to_string(t + 1));
  }
}

TEST(ScheduleFree, AWeightPowerChangedAfterTheLrFellWeightsTheNextStepAtOnce) {
  // A slider moved between steps: lr falls from 0.05 to 0.01 (lr_max stays 0.05), then
  // weight_lr_power from 2 to 1. Step 3's weight is lr_max^1 = 0.05 (not a remembered 0.05^2),
  // so c_3 = 0.05 / (0.0025 + 0.0025 + 0.05). With beta = 0 the gradient is taken at z.
  auto o = make_with("schedulefree_sgd", {{"lr", 0.05}, {"momentum", 0.0}});
  auto& sf = dynamic_cast<ScheduleFree&>(*o);
  const QuadraticForm f(kDiagonal);
  glm::dvec2 y(1.0, 1.0), z = y, x = y;
  const double lrs[] = {0.05, 0.05, 0.01}, cs[] = {1.0, 0.5, 0.05 / 0.055};
  for (int t = 0; t < 3; ++t) {
    if (t == 2) {
      ASSERT_EQ(o->set_parameter("lr", 0.01).error(), "");
      ASSERT_EQ(o->set_parameter("weight_lr_power", 1.0).error(), "");
    }
    z -= lrs[t] * (kDiagonal * y);
    x = (1.0 - cs[t]) * x + cs[t] * z;
    y = o->step(f, y);
    expect_close(sf.average(), x, 1e-14, "x step " + std::to_string(t + 1));
  }
}

TEST(ScheduleFree, AdamWThreeStepsByTheReferenceRule) {
  // The base method is Adam without momentum on z (the reference implementation):
  //   z <- z - lr wd y;  v_t = beta2 v + (1 - beta2) g^2;  z <- z - lr g / (sqrt(v_t / (1 - beta2^t)) + eps)
  // then x and y as for SGD, c = 1 / t.
  const double lr = 0.1, beta1 = 0.9, beta2 = 0.99, eps = 1e-8, wd = 0.05;
  auto o = make_with("schedulefree_adamw",
                     {{"lr", lr}, {"beta1", beta1}, {"beta2", beta2}, {"eps", eps}, {"weight_decay", wd}});
  auto& sf = dynamic_cast<ScheduleFree&>(*o);
  const QuadraticForm f(kDiagonal);
  glm::dvec2 y(1.0, -2.0), z = y, x = y, v(0.0);
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = kDiagonal * y;
    z -= lr * wd * y;
    v = beta2 * v + (1.0 - beta2) * g * g;
    const glm::dvec2 v_hat = v / (1.0 - std::pow(beta2, t));
    z -= lr * g / (glm::dvec2(std::sqrt(v_hat.x), std::sqrt(v_hat.y)) + eps);
    const double c = 1.0 / t;
    x = (1.0 - c) * x + c * z;
    const glm::dvec2 next = (1.0 - beta1) * z + beta1 * x;
    if (t == 1) expect_close(z, y - lr * wd * y - lr * glm::dvec2(1.0, -1.0), 1e-7, "first z step: lr per coordinate");
    expect_close(o->step(f, y), next, 1e-14, "y step " + std::to_string(t));
    expect_close(sf.base_iterate(), z, 1e-14, "z step " + std::to_string(t));
    expect_close(sf.average(), x, 1e-14, "x step " + std::to_string(t));
    y = next;
  }
}

TEST(ScheduleFree, LanesAndResetRunTheSameRule) {
  // The lanes start every coordinate's z and x at the start, as step() does.
  auto o = make_with("schedulefree_adamw", {{"warmup_steps", 5.0}, {"weight_decay", 0.01}});
  auto himmelblau = make_builtin_function("himmelblau");
  auto lanes = o->lanes();
  ASSERT_NE(lanes, nullptr);
  lanes->reset();
  glm::dvec2 p(-0.4, -0.2), q = p;
  for (int t = 1; t <= 50; ++t) {
    const glm::dvec2 g = himmelblau->gradient(q);
    double nx = 0.0, ny = 0.0;
    lanes->step(t, &q.x, &q.y, &g.x, &g.y, &nx, &ny, 1, himmelblau->domain());
    q = {nx, ny};
    p = o->step(*himmelblau, p);
    ASSERT_EQ(p, q) << "step " << t;
  }
}

TEST(CurvatureAndScheduleFree, SophiaAndShampooOfferNoLanes) {
  EXPECT_EQ(make_optimizer("sophia")->lanes(), nullptr);
  EXPECT_EQ(make_optimizer("shampoo")->lanes(), nullptr);
  EXPECT_NE(make_optimizer("schedulefree_sgd")->lanes(), nullptr);
  EXPECT_NE(make_optimizer("schedulefree_adamw")->lanes(), nullptr);
}

TEST(CurvatureAndScheduleFree, EachReachesAHimmelblauMinimumWithItsDefaults) {
  // From Himmelblau's own start, with every parameter at its default.
  std::shared_ptr<const CostFunction> himmelblau = make_builtin_function("himmelblau");
  const glm::dvec2 start = himmelblau->preferred_start().value();
  for (const char* name : {"sophia", "shampoo", "schedulefree_sgd", "schedulefree_adamw"}) {
    Simulation sim(himmelblau);
    sim.add_ball(start, make_optimizer(name));
    sim.run_steps(5000);
    const Ball& ball = sim.balls()[0];
    double nearest = std::numeric_limits<double>::infinity();
    for (const KnownMinimum& m : himmelblau->known_minima())
      nearest = std::min(nearest, glm::length(ball.position - m.position));
    EXPECT_LT(nearest, 1e-4) << name << " ended at " << ball.position.x << ", " << ball.position.y << " after "
                             << ball.steps << " steps (" << to_string(ball.status) << ")";
  }
}

TEST(CurvatureAndScheduleFree, MistypedKeysAreRefusedWithTheValidOnesNamed) {
  EXPECT_EQ(make_optimizer("sophia")->set_parameter("gamma", 0.01).error(),
            "unknown parameter 'gamma' for optimizer 'sophia' (valid: lr, beta1, beta2, rho, k, weight_decay, eps)");
  EXPECT_EQ(make_optimizer("sophia")->set_parameter("k", 2.5).error(), "k: must be a whole number, got 2.5");
  EXPECT_EQ(make_optimizer("sophia")->set_parameter("k", 0.0).error(), "k: must be >= 1, got 0");
  EXPECT_EQ(make_optimizer("sophia")->set_parameter("eps", 0.0).error(), "eps: must be > 0, got 0");
  EXPECT_EQ(make_optimizer("shampoo")->set_parameter("beta", 0.9).error(),
            "unknown parameter 'beta' for optimizer 'shampoo' (valid: lr, eps, momentum)");
  EXPECT_EQ(make_optimizer("shampoo")->set_parameter("eps", 0.0).error(), "eps: must be > 0, got 0");
  EXPECT_EQ(make_optimizer("schedulefree_sgd")->set_parameter("beta", 0.9).error(),
            "unknown parameter 'beta' for optimizer 'schedulefree_sgd' (valid: lr, momentum, weight_decay, "
            "warmup_steps, r, weight_lr_power)");
  EXPECT_EQ(make_optimizer("schedulefree_adamw")->set_parameter("warmup", 10.0).error(),
            "unknown parameter 'warmup' for optimizer 'schedulefree_adamw' (valid: lr, beta1, beta2, eps, "
            "weight_decay, warmup_steps, r, weight_lr_power)");
  EXPECT_EQ(make_optimizer("schedulefree_adamw")->set_parameter("warmup_steps", 2.5).error(),
            "warmup_steps: must be a whole number, got 2.5");
  EXPECT_EQ(make_optimizer("schedule_free_sgd"), nullptr);
}
