// Gradient descent, the fixed-timestep simulation, its statuses, the trail ring buffer and
// parameter validation. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/sim/simulation.hpp"
#include "engine/sim/trail.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace losscape;

namespace {

std::unique_ptr<Simulation> one_ball(const std::string& function, glm::dvec2 start, double lr,
                                     SimulationSettings settings = {}) {
  std::shared_ptr<const CostFunction> cost = make_builtin_function(function);
  auto sim = std::make_unique<Simulation>(cost, settings);
  auto gd = std::make_unique<GradientDescent>();
  EXPECT_EQ(gd->set_parameter("lr", lr).error(), "");
  sim->add_ball(start, std::move(gd));
  return sim;
}

}  // namespace

TEST(GradientDescent, OneStepIsLearningRateTimesNegativeGradient) {
  auto bowl = make_builtin_function("bowl");
  GradientDescent gd;
  ASSERT_EQ(gd.set_parameter("lr", 0.1).error(), "");
  const glm::dvec2 p = gd.step(*bowl, {4.0, -2.0});
  // grad (x^2 + y^2) = (2x, 2y): (4, -2) - 0.1 * (8, -4) = (3.2, -1.6)
  EXPECT_DOUBLE_EQ(p.x, 3.2);
  EXPECT_DOUBLE_EQ(p.y, -1.6);
}

TEST(GradientDescent, ConvergesOnTheBowl) {
  auto sim = one_ball("bowl", {4.0, 3.0}, 0.1);
  sim->run_steps(1000);
  const Ball& ball = sim->balls()[0];
  EXPECT_EQ(ball.status, BallStatus::converged);
  EXPECT_NEAR(ball.position.x, 0.0, 1e-6);
  EXPECT_NEAR(ball.position.y, 0.0, 1e-6);
  EXPECT_LT(ball.steps, 1000u);
}

TEST(GradientDescent, ConvergesOnBooth) {
  auto sim = one_ball("booth", {-6.0, -4.0}, 0.02);
  sim->run_steps(20000);
  const Ball& ball = sim->balls()[0];
  EXPECT_EQ(ball.status, BallStatus::converged);
  EXPECT_NEAR(ball.position.x, 1.0, 1e-5);
  EXPECT_NEAR(ball.position.y, 3.0, 1e-5);
}

TEST(GradientDescent, HugeLearningRateIsDivergedNotNaN) {
  auto sim = one_ball("bowl", {4.0, 3.0}, 5.0);
  sim->run_steps(10000);
  const Ball& ball = sim->balls()[0];
  EXPECT_EQ(ball.status, BallStatus::diverged);
  EXPECT_TRUE(std::isfinite(ball.position.x) && std::isfinite(ball.position.y));
  EXPECT_TRUE(std::isfinite(ball.value));
  EXPECT_LT(ball.steps, 100u);  // caught as soon as it left the box, not after overflowing
  const glm::dvec2 shown = sim->display_position(ball);
  EXPECT_TRUE(std::isfinite(shown.x) && std::isfinite(shown.y));
}

TEST(Simulation, TrajectoryIsBitIdenticalAt20_60_240FramesPerSecond) {
  std::vector<std::vector<TrajectorySample>> runs;
  for (double fps : {20.0, 60.0, 240.0}) {
    SimulationSettings settings;
    settings.record_history = true;
    settings.steps_per_second = 30.0;
    // Rosenbrock crawls: still running after 300 steps, so every step is compared.
    auto sim = one_ball("rosenbrock", {-1.5, 2.0}, 0.0005, settings);
    // Ten seconds of frames: 300 solver steps whatever the frame rate.
    const int frames = static_cast<int>(std::lround(10.0 * fps));
    for (int i = 0; i < frames; ++i) sim->advance(1.0 / fps);
    runs.push_back(sim->balls()[0].history);
  }
  ASSERT_EQ(runs[0].size(), 301u);
  for (std::size_t r = 1; r < runs.size(); ++r) {
    ASSERT_EQ(runs[r].size(), runs[0].size());
    // Bit-identical, not merely close.
    EXPECT_EQ(0, std::memcmp(runs[r].data(), runs[0].data(), runs[0].size() * sizeof(TrajectorySample)));
  }
}

TEST(Simulation, PausedDoesNotMoveAndStepAllStillSteps) {
  auto sim = one_ball("bowl", {4.0, 3.0}, 0.1);
  sim->set_playing(false);
  sim->advance(10.0);
  EXPECT_EQ(sim->balls()[0].steps, 0u);
  sim->step_all();
  EXPECT_EQ(sim->balls()[0].steps, 1u);
}

TEST(Simulation, InterpolatesBetweenTheLastTwoSolverPositions) {
  SimulationSettings settings;
  settings.steps_per_second = 10.0;
  auto sim = one_ball("bowl", {4.0, 0.0}, 0.1, settings);
  sim->advance(0.15);  // one step done, half-way to the next
  const Ball& ball = sim->balls()[0];
  ASSERT_EQ(ball.steps, 1u);
  EXPECT_NEAR(sim->interpolation(), 0.5, 1e-9);
  EXPECT_NEAR(sim->display_position(ball).x, 0.5 * (4.0 + 3.2), 1e-9);
}

TEST(Simulation, ResetReturnsToTheStart) {
  auto sim = one_ball("bowl", {4.0, 3.0}, 0.1);
  sim->run_steps(10);
  sim->reset();
  const Ball& ball = sim->balls()[0];
  EXPECT_EQ(ball.steps, 0u);
  EXPECT_EQ(ball.position, glm::dvec2(4.0, 3.0));
  EXPECT_EQ(ball.status, BallStatus::running);
  EXPECT_EQ(ball.trail.size(), 1u);
}

TEST(Trail, RingBufferKeepsTheNewestPointsInOrder) {
  Trail trail(4);
  for (int i = 0; i < 10; ++i) trail.push({i, 0});
  ASSERT_EQ(trail.size(), 4u);
  EXPECT_EQ(trail[0].x, 6);
  EXPECT_EQ(trail[3].x, 9);
}

TEST(Parameters, BadKeyBadValueAndOutOfRangeAreRejectedWithMessages) {
  GradientDescent gd;
  EXPECT_EQ(gd.set_parameter("momentum", 0.9).error(),
            "unknown parameter 'momentum' for optimizer 'gd' (valid: lr, weight_decay, maximize)");
  EXPECT_EQ(gd.set_parameter("lr", -1.0).error(), "lr: must be > 0, got -1");
  EXPECT_EQ(gd.set_parameter("lr", 0.0).error(), "lr: must be > 0, got 0");
  EXPECT_EQ(gd.set_parameter("lr", 100.0).error(), "lr: must be <= 10, got 100");
  EXPECT_EQ(gd.set_parameter("lr", NAN).error(), "lr: must be a finite number, got nan");
  EXPECT_DOUBLE_EQ(gd.parameter("lr"), 0.01);  // the last good value kept
  EXPECT_EQ(gd.set_parameter("lr", 0.5).error(), "");
  EXPECT_DOUBLE_EQ(gd.parameter("lr"), 0.5);
}

TEST(Registry, EveryOptimizerNameMakesThatOptimizer) {
  for (const std::string& name : optimizer_names()) {
    auto o = make_optimizer(name);
    ASSERT_NE(o, nullptr) << name;
    EXPECT_EQ(o->name(), name);
  }
  EXPECT_EQ(make_optimizer("sgd2"), nullptr);
}

TEST(Simulation, ABallWanderingOutsideTheDomainStopsAsLeftDomain) {
  // On the saddle x^2 - y^2 gradient descent runs away along y; with a small step it spends
  // many steps outside the drawn domain before it would leave the divergence box.
  SimulationSettings settings;
  settings.max_steps_outside_domain = 20;
  settings.divergence_margin = 1000.0;
  auto sim = one_ball("saddle", {0.5, 1.9}, 0.01, settings);
  sim->run_steps(10000);
  const Ball& ball = sim->balls()[0];
  EXPECT_EQ(ball.status, BallStatus::left_domain);
  EXPECT_FALSE(sim->cost().domain().contains(ball.position));
  EXPECT_STREQ(to_string(ball.status), "left domain");
}

TEST(Simulation, PreviewIsTheNextStepWithoutTakingIt) {
  SimulationSettings settings;
  settings.compute_preview = true;
  auto sim = one_ball("bowl", {4.0, 3.0}, 0.1, settings);
  EXPECT_EQ(sim->balls()[0].next_position, glm::dvec2(4.0 - 0.8, 3.0 - 0.6));
  EXPECT_EQ(sim->balls()[0].steps, 0u);
  const glm::dvec2 preview = sim->balls()[0].next_position;
  sim->step_all();
  EXPECT_EQ(sim->balls()[0].position, preview);
}

TEST(LossHistory, StaysBoundedAndKeepsTheWholeRun) {
  LossHistory history(16);
  for (std::size_t step = 0; step <= 1000; ++step) history.add(step, 1000.0 - static_cast<double>(step));
  EXPECT_LE(history.steps().size(), 16u);
  EXPECT_EQ(history.steps().front(), 0u);  // the start is never dropped
  EXPECT_GE(history.steps().back(), 1000u - history.stride());
  EXPECT_EQ(history.latest_step(), 1000u);
  EXPECT_EQ(history.latest_value(), 0.0);
  for (std::size_t i = 1; i < history.steps().size(); ++i) {
    EXPECT_EQ(history.steps()[i] - history.steps()[i - 1], history.stride());
  }
}
