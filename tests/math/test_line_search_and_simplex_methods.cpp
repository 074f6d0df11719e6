// BFGS, nonlinear conjugate gradient, Nelder-Mead and gradient flow against their rules worked
// out by hand on a quadratic, their finite termination where theory promises it, the flow
// against the exact solution, Rosenbrock's minimum reached, and bad parameters refused. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/bfgs.hpp"
#include "engine/core/optimizers/gradient_flow.hpp"
#include "engine/core/optimizers/nelder_mead.hpp"
#include "engine/sim/simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace losscape;

namespace {

// Booth, f = (x + 2y - 7)^2 + (2x + y - 5)^2: a quadratic with Hessian A = [[10, 8], [8, 10]]
// (eigenvalues 18 along (1, 1) and 2 along (1, -1)) and its minimum at (1, 3).
const glm::dmat2 kBoothHessian(10.0, 8.0, 8.0, 10.0);
const glm::dvec2 kBoothMinimum(1.0, 3.0);
// A start off both eigenvectors (from (-6, -4) steepest descent lands on the minimum at once).
const glm::dvec2 kStart(-5.0, 8.0);
// Starts near the minimum, where |g|_1 < 10: with lr = 10 every first trial step of the strong-Wolfe
// search overshoots the minimum along d at least twice over, so the search brackets it and its
// cubic interpolation, exact on a quadratic, lands on it: an exact line search.
const glm::dvec2 kNearStarts[] = {{1.3, 2.5}, {0.6, 2.9}, {1.2, 3.45}};

std::unique_ptr<Optimizer> make(const std::string& name, const std::vector<std::pair<std::string, double>>& params) {
  auto o = make_optimizer(name);
  for (const auto& [key, value] : params) EXPECT_EQ(o->set_parameter(key, value).error(), "") << key;
  return o;
}

void expect_near(glm::dvec2 actual, glm::dvec2 expected, double tolerance, const std::string& what) {
  EXPECT_NEAR(actual.x, expected.x, tolerance * std::max(1.0, std::abs(expected.x))) << what;
  EXPECT_NEAR(actual.y, expected.y, tolerance * std::max(1.0, std::abs(expected.y))) << what;
}

// The exact minimiser of the quadratic along d from p: t = -g'd / d'Ad.
glm::dvec2 exact_line_minimum(glm::dvec2 p, glm::dvec2 g, glm::dvec2 d) {
  return p - glm::dot(g, d) / glm::dot(d, kBoothHessian * d) * d;
}

}  // namespace

TEST(LineSearchMethods, BfgsFirstStepAndUpdateByHand) {
  // lr = 10 from near the minimum: exact line searches (kNearStarts).
  auto cost = make_builtin_function("booth");
  auto o = make("bfgs", {{"lr", 10.0}});
  const glm::dvec2 p0 = kNearStarts[0], g0 = cost->gradient(p0);
  const glm::dvec2 p1 = exact_line_minimum(p0, g0, -g0);
  const glm::dvec2 q1 = o->step(*cost, p0);
  expect_near(q1, p1, 1e-12, "step 1: steepest descent, exact line search");
  expect_near(o->velocity(), q1 - p0, 1e-15, "velocity: the last step");
  // N&W 6.17 from H0 = I: H1 = (I - rho s y') (I - rho y s') + rho s s'.
  const glm::dvec2 s = q1 - p0, y = cost->gradient(q1) - g0;
  const double rho = 1.0 / glm::dot(y, s), h0 = 1.0;
  double h1[2][2];
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      // (I - rho s y') h0 I (I - rho y s') = h0 (I - rho s y' - rho y s' + rho^2 (y'y) s s'), h0 = 1
      const double identity = i == j ? 1.0 : 0.0;
      h1[i][j] = h0 * (identity - rho * s[i] * y[j] - rho * y[i] * s[j] + rho * rho * glm::dot(y, y) * s[i] * s[j]) +
                 rho * s[i] * s[j];
    }
  }
  const auto& bfgs = dynamic_cast<const Bfgs&>(*o);
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) EXPECT_NEAR(bfgs.inverse_hessian()[j][i], h1[i][j], 1e-12) << i << j;
  }
  // The search's evaluations are the companions, the last one the new point.
  const auto dots = o->companions();
  ASSERT_GE(dots.size(), 2u);
  EXPECT_EQ(dots.back().kind, Optimizer::Companion::Kind::evaluated);
  EXPECT_EQ(dots.back().position, q1);
  EXPECT_EQ(o->lanes(), nullptr);
}

TEST(LineSearchMethods, BfgsWithExactLineSearchesEndsOnAQuadraticInTwoIterations) {
  // N&W sec. 6.1: with exact line searches BFGS minimises a strictly convex quadratic in at most
  // n (+ 1 to see it) iterations and ends with H the inverse Hessian.
  auto cost = make_builtin_function("booth");
  for (const glm::dvec2 start : kNearStarts) {
    auto o = make("bfgs", {{"lr", 10.0}});
    glm::dvec2 p = start;
    for (int i = 0; i < 2; ++i) p = o->step(*cost, p);
    EXPECT_LT(glm::length(p - kBoothMinimum), 1e-10) << start.x << ", " << start.y;
    const glm::dmat2 inverse = glm::inverse(kBoothHessian);
    const auto& h = dynamic_cast<const Bfgs&>(*o).inverse_hessian();
    for (int i = 0; i < 2; ++i) {
      for (int j = 0; j < 2; ++j) EXPECT_NEAR(h[i][j], inverse[i][j], 1e-9);
    }
    // At the minimum (max |g| <= tolerance_grad) a step does nothing.
    p = o->step(*cost, o->step(*cost, p));
    EXPECT_LT(glm::length(p - kBoothMinimum), 1e-10);
  }
}

TEST(LineSearchMethods, BfgsSkipsTheUpdateWhereTheCurvatureConditionFails) {
  // On the saddle x^2 - y^2, a fixed step along y finds negative curvature: y's < 0, no update.
  auto cost = make_builtin_function("saddle");
  auto o = make("bfgs", {{"line_search", 0.0}, {"lr", 0.1}});
  o->step(*cost, {0.0, 0.5});
  EXPECT_EQ(dynamic_cast<const Bfgs&>(*o).inverse_hessian(), glm::dmat2(1.0));
  // Armijo backtracking: each halving is an evaluation, the accepted step the last one.
  auto armijo = make("bfgs", {{"line_search", 1.0}, {"lr", 10.0}});
  auto booth = make_builtin_function("booth");
  const glm::dvec2 p0 = kStart, g0 = booth->gradient(p0);
  const glm::dvec2 p1 = armijo->step(*booth, p0);
  EXPECT_LE(booth->value(p1), booth->value(p0) + 1e-4 * glm::dot(g0, p1 - p0));
  const auto dots = armijo->companions();
  ASSERT_GE(dots.size(), 2u);
  // The last halving passed, the one before it did not.
  const glm::dvec2 before = dots[dots.size() - 2].position;
  EXPECT_GT(booth->value(before), booth->value(p0) + 1e-4 * glm::dot(g0, before - p0));
  expect_near(before - p0, 2.0 * (p1 - p0), 1e-14, "backtracking halves the step");
}

TEST(LineSearchMethods, ConjugateGradientStepsByHandAndEndsInTwoIterations) {
  // With exact line searches (lr = 10 from near the minimum: kNearStarts) PR+ is linear CG on a
  // quadratic: it minimises a 2-D one in 2 iterations (N&W theorem 5.2).
  auto cost = make_builtin_function("booth");
  for (const double restart : {2.0, 0.0}) {
    auto o = make("cg", {{"lr", 10.0}, {"restart", restart}});
    const glm::dvec2 p0 = kNearStarts[0], g0 = cost->gradient(p0);
    const glm::dvec2 p1 = exact_line_minimum(p0, g0, -g0);
    const glm::dvec2 q1 = o->step(*cost, p0);
    expect_near(q1, p1, 1e-12, "step 1: steepest descent");
    const glm::dvec2 g1 = cost->gradient(q1);
    const double beta = std::max(0.0, glm::dot(g1, g1 - g0) / glm::dot(g0, g0));
    const glm::dvec2 d1 = -g1 + beta * -g0;
    const glm::dvec2 p2 = exact_line_minimum(q1, g1, d1);
    const glm::dvec2 q2 = o->step(*cost, q1);
    expect_near(q2, p2, 1e-10, "step 2: the Polak-Ribiere+ direction");
    EXPECT_LT(glm::length(q2 - kBoothMinimum), 1e-10);
    EXPECT_GE(o->companions().size(), 1u);
  }
}

TEST(LineSearchMethods, ConjugateGradientRestartsOnSchedule) {
  // restart = 1: every direction is -g, so each step is the exact steepest-descent step.
  auto cost = make_builtin_function("booth");
  auto o = make("cg", {{"lr", 10.0}, {"restart", 1.0}});
  glm::dvec2 p = kNearStarts[1];
  for (int i = 0; i < 3; ++i) {
    const glm::dvec2 expected = exact_line_minimum(p, cost->gradient(p), -cost->gradient(p));
    p = o->step(*cost, p);
    expect_near(p, expected, 1e-12, "steepest descent step " + std::to_string(i + 1));
  }
}

TEST(SimplexMethod, NelderMeadFirstIterationsByHand) {
  // Booth from (-6, -4), simplex_size 0.05 of the 20-wide domain: legs of 1.
  auto cost = make_builtin_function("booth");
  const auto f = [&](glm::dvec2 p) { return cost->value(p); };
  auto o = make("neldermead", {});
  const auto& nm = dynamic_cast<const NelderMead&>(*o);
  EXPECT_FALSE(nm.has_simplex());
  EXPECT_TRUE(o->companions().empty());
  // Vertices (-6, -4): f = 882, (-5, -4): 761, (-6, -3): 761 (a tie: kept in the order made).
  const glm::dvec2 a(-6.0, -4.0), b(-5.0, -4.0), c(-6.0, -3.0);
  ASSERT_EQ(f(a), 882.0);
  ASSERT_EQ(f(b), 761.0);
  ASSERT_EQ(f(c), 761.0);
  // x1 = b, x2 = c, x3 = a; xbar = (-5.5, -3.5); reflection xr = 2 xbar - a = (-5, -3): f = 648
  // < f1, so an expansion xe = 3 xbar - 2 a = (-4.5, -2.5): f = 544.5 < fr, accepted.
  const glm::dvec2 p1 = o->step(*cost, a);
  EXPECT_STREQ(nm.last_move(), "expand");
  EXPECT_EQ(p1, glm::dvec2(-4.5, -2.5));
  EXPECT_EQ(f(p1), 544.5);
  EXPECT_EQ(nm.simplex()[1].x, b);  // 761, then c (761, after b)
  EXPECT_EQ(nm.simplex()[2].x, c);
  EXPECT_EQ(o->velocity(), p1 - a);
  // Iteration 2: x1 = (-4.5, -2.5), x2 = b, x3 = c; xbar = (-4.75, -3.25); xr = 2 xbar - c =
  // (-3.5, -3.5): f = (-3.5 - 7 - 7)^2 + (-7 - 3.5 - 5)^2 = 306.25 + 240.25 = 546.5, at least
  // f1 = 544.5 and below f2 = 761: the reflection is accepted.
  const glm::dvec2 p2 = o->step(*cost, p1);
  EXPECT_STREQ(nm.last_move(), "reflect");
  EXPECT_EQ(p2, p1);  // the best vertex did not change
  EXPECT_EQ(nm.simplex()[1].x, glm::dvec2(-3.5, -3.5));
  EXPECT_EQ(nm.simplex()[1].f, 546.5);
  EXPECT_EQ(nm.simplex()[2].x, b);
  // The simplex is drawn: three vertices, the best (the ball) first.
  const auto vertices = o->companions();
  ASSERT_EQ(vertices.size(), 3u);
  EXPECT_EQ(vertices[0].kind, Optimizer::Companion::Kind::simplex_vertex);
  EXPECT_EQ(vertices[0].position, p2);
  // The ball moved elsewhere: a fresh simplex around it.
  o->step(*cost, glm::dvec2(2.0, 2.0));
  EXPECT_EQ(nm.simplex()[0].x == glm::dvec2(2.0, 2.0) || nm.simplex()[1].x == glm::dvec2(2.0, 2.0) ||
                nm.simplex()[2].x == glm::dvec2(2.0, 2.0),
            true);
  o->reset();
  EXPECT_FALSE(nm.has_simplex());
}

TEST(SimplexMethod, NelderMeadContractsAndShrinksByTheCoefficients) {
  // Around the minimum of the bowl every reflection overshoots: the simplex contracts, and it
  // keeps the minimum inside as it shrinks towards it.
  auto cost = make_builtin_function("bowl");
  auto o = make("neldermead", {{"simplex_size", 0.1}});
  glm::dvec2 p(-0.3, -0.4);
  for (int i = 0; i < 200; ++i) p = o->step(*cost, p);
  EXPECT_LT(glm::length(p), 1e-7);
  const auto& nm = dynamic_cast<const NelderMead&>(*o);
  EXPECT_LT(glm::length(nm.simplex()[2].x - nm.simplex()[0].x), 1e-6);
}

TEST(GradientFlow, MatchesTheExactSolutionOnAQuadratic) {
  // On Booth, p(t) = p* + e^{-At} (p0 - p*): along (1, 1) e^{-18 t}, along (1, -1) e^{-2 t}.
  auto cost = make_builtin_function("booth");
  const glm::dvec2 p0 = kStart, offset = p0 - kBoothMinimum;
  const double along_u = (offset.x + offset.y) / 2.0, along_v = (offset.x - offset.y) / 2.0;
  const auto exact = [&](double t) {
    return kBoothMinimum + along_u * std::exp(-18.0 * t) * glm::dvec2(1.0, 1.0) +
           along_v * std::exp(-2.0 * t) * glm::dvec2(1.0, -1.0);
  };
  for (const double lr : {0.01, 0.1, 0.5}) {
    auto o = make("flow", {{"lr", lr}});
    glm::dvec2 p = p0;
    const int steps = static_cast<int>(std::lround(2.0 / lr));
    double worst = 0.0;
    for (int k = 1; k <= steps; ++k) {
      p = o->step(*cost, p);
      const glm::dvec2 e = exact(k * lr);
      worst = std::max(worst, glm::length(p - e) / glm::length(e));
    }
    EXPECT_LT(worst, 1e-9) << "lr " << lr;
  }
}

TEST(GradientFlow, GradientDescentApproachesItAsItsStepShrinks) {
  // GD with step h is the flow's Euler method: after time 1 its distance from the flow shrinks
  // in proportion to h (first order).
  auto cost = make_builtin_function("booth");
  const glm::dvec2 p0 = kStart;
  std::vector<double> gaps;
  for (const double h : {0.01, 0.001, 0.0001}) {
    auto gd = make("gd", {{"lr", h}});
    auto flow = make("flow", {{"lr", h}});
    glm::dvec2 p = p0, q = p0;
    for (int k = 0; k < static_cast<int>(std::lround(1.0 / h)); ++k) {
      p = gd->step(*cost, p);
      q = flow->step(*cost, q);
    }
    gaps.push_back(glm::length(p - q));
  }
  EXPECT_GT(gaps[0], 0.0);
  EXPECT_NEAR(gaps[0] / gaps[1], 10.0, 1.5);
  EXPECT_NEAR(gaps[1] / gaps[2], 10.0, 1.5);
}

struct RosenbrockCase {
  const char* optimizer;
  std::vector<std::pair<std::string, double>> params;
  std::size_t steps;
};

class ReachesRosenbrocksMinimum : public ::testing::TestWithParam<RosenbrockCase> {};

TEST_P(ReachesRosenbrocksMinimum, FromTheClassicStart) {
  const RosenbrockCase& c = GetParam();
  std::shared_ptr<const CostFunction> cost = make_builtin_function("rosenbrock");
  Simulation sim(cost);
  sim.add_ball({-1.5, 2.0}, make(c.optimizer, c.params));
  sim.run_steps(c.steps);
  const Ball& ball = sim.balls()[0];
  EXPECT_LT(glm::length(ball.position - glm::dvec2(1.0, 1.0)), 1e-4)
      << c.optimizer << " ended at " << ball.position.x << ", " << ball.position.y << " after " << ball.steps
      << " steps (" << to_string(ball.status) << ")";
  EXPECT_NE(ball.status, BallStatus::diverged);
}

INSTANTIATE_TEST_SUITE_P(LineSearchMethods, ReachesRosenbrocksMinimum,
                         ::testing::Values(RosenbrockCase{"bfgs", {}, 200},
                                           RosenbrockCase{"bfgs", {{"line_search", 1.0}}, 400},
                                           RosenbrockCase{"cg", {}, 2000}, RosenbrockCase{"neldermead", {}, 2000},
                                           RosenbrockCase{"flow", {{"lr", 1.0}}, 2000}),
                         [](const ::testing::TestParamInfo<RosenbrockCase>& param_info) {
                           return std::string(param_info.param.optimizer) + "_" + std::to_string(param_info.index);
                         });

TEST(LineSearchMethods, BadKeysAndValuesAreRefusedWithTheValidOnesNamed) {
  EXPECT_EQ(make_optimizer("bfgs")->set_parameter("strong_wolfe", 1.0).error(),
            "unknown parameter 'strong_wolfe' for optimizer 'bfgs' (valid: lr, line_search, tolerance_grad)");
  EXPECT_EQ(make_optimizer("bfgs")->set_parameter("line_search", 3.0).error(), "line_search: must be <= 2, got 3");
  EXPECT_EQ(make_optimizer("cg")->set_parameter("line_search", 1.5).error(),
            "line_search: must be a whole number, got 1.5");
  EXPECT_EQ(make_optimizer("cg")->set_parameter("restarts", 2.0).error(),
            "unknown parameter 'restarts' for optimizer 'cg' (valid: lr, line_search, restart, tolerance_grad)");
  EXPECT_EQ(make_optimizer("cg")->set_parameter("lr", 0.0).error(), "lr: must be > 0, got 0");
  EXPECT_EQ(make_optimizer("neldermead")->set_parameter("alpha", 1.0).error(),
            "unknown parameter 'alpha' for optimizer 'neldermead' (valid: simplex_size, reflection, expansion, "
            "contraction, shrink)");
  EXPECT_EQ(make_optimizer("neldermead")->set_parameter("expansion", 1.0).error(), "expansion: must be > 1, got 1");
  EXPECT_EQ(make_optimizer("neldermead")->set_parameter("shrink", 1.5).error(), "shrink: must be <= 1, got 1.5");
  EXPECT_EQ(make_optimizer("neldermead")->set_parameter("reflection", 0.0).error(), "reflection: must be > 0, got 0");
  EXPECT_EQ(make_optimizer("flow")->set_parameter("dt", 0.1).error(),
            "unknown parameter 'dt' for optimizer 'flow' (valid: lr, tolerance)");
  EXPECT_EQ(make_optimizer("flow")->set_parameter("tolerance", 0.0).error(), "tolerance: must be > 0, got 0");
}

TEST(OptimizerGroups, EveryMethodHasOneGroupAndTheGroupsKeepTheRegistryOrder) {
  std::vector<std::string> grouped;
  for (const OptimizerGroup group : optimizer_groups()) {
    EXPECT_STRNE(group_title(group), "");
    for (const std::string& name : optimizer_names_in(group)) {
      EXPECT_EQ(optimizer_group(name), group) << name;
      grouped.push_back(name);
    }
  }
  std::vector<std::string> sorted = grouped, all = optimizer_names();
  std::sort(sorted.begin(), sorted.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(sorted, all);  // each name in exactly one group
  EXPECT_EQ(optimizer_group("bfgs"), OptimizerGroup::quasi_newton);
  EXPECT_EQ(optimizer_group("neldermead"), OptimizerGroup::derivative_free);
  EXPECT_EQ(optimizer_group("adam"), OptimizerGroup::adaptive);
  EXPECT_EQ(optimizer_group("sgd2"), std::nullopt);
  EXPECT_STREQ(group_title(OptimizerGroup::quasi_newton), "second-order and quasi-Newton");
  const auto classic = optimizer_names_in(OptimizerGroup::classic);
  ASSERT_GE(classic.size(), 3u);
  EXPECT_EQ(classic[0], "gd");
  EXPECT_EQ(classic[1], "momentum");
}

// Where f's rounding floor keeps |grad f| above the tolerance at a steep minimum (Goldstein-Price)
// or f has a kink (Ackley's minimum), these methods stop moving for good: the ball is converged
// there, not running forever.
TEST(AtRest, MethodsThatCanNoLongerMoveCountAsConverged) {
  for (const char* function : {"goldstein_price", "ackley"}) {
    for (const char* name : {"cg", "bfgs", "neldermead"}) {
      std::shared_ptr<const CostFunction> f = make_builtin_function(function);
      Simulation simulation(f);
      // Neither function has a preferred start: from near a corner of its domain, as the app's
      // default_start() begins there.
      const Domain d = f->domain();
      simulation.add_ball({d.x_min + 0.2 * d.width(), d.y_min + 0.75 * d.height()}, make_optimizer(name));
      simulation.run_steps(3000);
      const Ball& ball = simulation.balls().front();
      EXPECT_EQ(ball.status, BallStatus::converged)
          << name << " on " << function << " after " << ball.steps << " steps";
      EXPECT_LT(ball.steps, 200u) << name << " on " << function;
    }
  }
  EXPECT_FALSE(make_optimizer("gd")->at_rest());
}
