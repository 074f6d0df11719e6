// The physical ball: a point mass on z = f(x, y) under gravity, integrated with RATTLE.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizers/physical_ball.hpp"
#include "engine/sim/simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace losscape;

namespace {

PhysicalBall make_ball(double friction, double dt) {
  PhysicalBall ball;
  EXPECT_EQ(ball.set_parameter("friction", friction).error(), "");
  EXPECT_EQ(ball.set_parameter("dt", dt).error(), "");
  return ball;
}

}  // namespace

TEST(PhysicalBall, WithoutFrictionEnergyStaysBounded) {
  for (const char* name : {"bowl", "himmelblau", "six_hump_camel"}) {
    auto cost = make_builtin_function(name);
    PhysicalBall ball = make_ball(0.0, 0.002);
    glm::dvec2 p = cost->domain().center() + glm::dvec2(0.31 * cost->domain().width(), 0.17 * cost->domain().height());
    const double e0 = ball.energy(*cost, p);
    double lo = e0, hi = e0, early_hi = e0;
    for (int i = 0; i < 20000; ++i) {
      p = ball.step(*cost, p);
      ASSERT_TRUE(std::isfinite(p.x) && std::isfinite(p.y)) << name << " step " << i;
      const double e = ball.energy(*cost, p);
      lo = std::min(lo, e);
      hi = std::max(hi, e);
      if (i < 2000) early_hi = std::max(early_hi, e);
    }
    const double scale = std::abs(e0) + 1.0;
    // Bounded: a small oscillation, and no drift (the late runs reach no higher than the early).
    EXPECT_LT((hi - lo) / scale, 0.01) << name << ": energy ranged over [" << lo << ", " << hi << "]";
    EXPECT_LT((hi - early_hi) / scale, 0.002) << name;
    // And it really moved: a frictionless ball keeps rolling.
    EXPECT_GT(glm::length(ball.velocity_3d()), 0.0) << name;
  }
}

TEST(PhysicalBall, WithFrictionEnergyNeverIncreases) {
  for (const char* name : {"bowl", "himmelblau", "rastrigin"}) {
    auto cost = make_builtin_function(name);
    PhysicalBall ball = make_ball(1.5, 0.005);
    glm::dvec2 p = cost->domain().center() + glm::dvec2(0.31 * cost->domain().width(), 0.17 * cost->domain().height());
    double previous = ball.energy(*cost, p);
    for (int i = 0; i < 5000; ++i) {
      p = ball.step(*cost, p);
      const double e = ball.energy(*cost, p);
      ASSERT_LE(e, previous + 1e-12 * (std::abs(previous) + 1.0)) << name << " step " << i;
      previous = e;
    }
  }
}

TEST(PhysicalBall, ComesToRestInAMinimum) {
  std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  Simulation sim(cost);
  sim.add_ball({-0.4, -0.2}, std::make_unique<PhysicalBall>());
  sim.run_steps(40000);
  const Ball& ball = sim.balls()[0];
  EXPECT_EQ(ball.status, BallStatus::converged) << ball.position.x << ", " << ball.position.y;
  double nearest = 1e9;
  for (const KnownMinimum& m : cost->known_minima())
    nearest = std::min(nearest, glm::length(ball.position - m.position));
  EXPECT_LT(nearest, 1e-4);
}

TEST(PhysicalBall, RollsPastWhereGradientDescentStops) {
  // Started at rest on a slope, the ball overshoots the bottom of the bowl (inertia), which
  // gradient descent with a small step never does.
  auto bowl = make_builtin_function("bowl");
  PhysicalBall ball = make_ball(0.0, 0.005);
  glm::dvec2 p(2.0, 0.0);
  double min_x = p.x;
  for (int i = 0; i < 2000; ++i) {
    p = ball.step(*bowl, p);
    min_x = std::min(min_x, p.x);
  }
  EXPECT_LT(min_x, -1.9);  // it climbs the far side to nearly the same height
}
