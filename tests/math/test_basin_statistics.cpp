// The statistics panel's numbers and the learning-rate sweep.
#include "engine/core/builtin_functions.hpp"
#include "engine/sim/basin_statistics.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace losscape;

namespace {

std::unique_ptr<Optimizer> gd(double lr) {
  auto o = make_optimizer("gd");
  EXPECT_EQ(o->set_parameter("lr", lr).error(), "");
  return o;
}

}  // namespace

TEST(BasinStatistics, CountsSharesAndSteps) {
  BasinMap map;
  map.grid = 2;
  map.minima.push_back({{{0.0, 0.0}, 0.0, true, true}, 2});
  map.minima.push_back({{{1.0, 0.0}, 1.0, true, false}, 1});
  map.label = {0, 1, 0, kDiverged};
  map.steps = {10, 20, 40, 3};
  const BasinStatistics s = summarize(map);
  EXPECT_EQ(s.starts, 4u);
  EXPECT_DOUBLE_EQ(s.global_share, 0.5);
  EXPECT_DOUBLE_EQ(s.converged_share, 0.75);
  EXPECT_DOUBLE_EQ(s.diverged_share, 0.25);
  EXPECT_DOUBLE_EQ(s.mean_steps, 70.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.median_steps, 20.0);
  EXPECT_TRUE(s.global_known);
  map.label = {0, 1, 0, 1};
  map.steps = {10, 20, 40, 30};
  EXPECT_DOUBLE_EQ(summarize(map).median_steps, 25.0) << "even count: the mean of the middle two";
}

TEST(BasinStatistics, EveryStartOfABowlReachesTheGlobalMinimum) {
  auto cost = make_builtin_function("bowl");
  BasinSettings settings;
  settings.grid = 16;
  BasinMap map;
  ASSERT_TRUE(compute_basins(*cost, *gd(0.1), settings, map));
  const BasinStatistics s = summarize(map);
  EXPECT_DOUBLE_EQ(s.global_share, 1.0);
  EXPECT_DOUBLE_EQ(s.diverged_share, 0.0);
  EXPECT_GT(s.mean_steps, 10.0);
  EXPECT_LE(s.median_steps, s.mean_steps + 20.0);
}

TEST(LearningRateSweep, ShowsTheCliffWhereGradientDescentStartsToDiverge) {
  // On f = x^2 + y^2 gradient descent multiplies the distance to 0 by |1 - 2 lr| each step:
  // it converges for lr < 1 and diverges beyond.
  auto cost = make_builtin_function("bowl");
  SweepSettings settings;
  settings.lr_min = 0.01;
  settings.lr_max = 3.0;
  settings.points = 12;
  settings.basins.grid = 12;
  std::vector<SweepPoint> sweep;
  std::atomic<double> progress{0.0};
  ASSERT_TRUE(sweep_learning_rate(*cost, *gd(0.1), settings, sweep, nullptr, &progress));
  ASSERT_EQ(sweep.size(), 12u);
  EXPECT_DOUBLE_EQ(sweep.front().lr, 0.01);
  EXPECT_DOUBLE_EQ(sweep.back().lr, 3.0);
  EXPECT_DOUBLE_EQ(progress.load(), 1.0);
  for (const SweepPoint& p : sweep) {
    if (p.lr < 0.9) {
      EXPECT_DOUBLE_EQ(p.statistics.global_share, 1.0) << p.lr;
    } else if (p.lr > 1.1) {
      EXPECT_DOUBLE_EQ(p.statistics.global_share, 0.0) << p.lr;
      EXPECT_DOUBLE_EQ(p.statistics.diverged_share, 1.0) << p.lr;
    }
  }
  // Smaller steps take longer to converge.
  EXPECT_GT(sweep.front().statistics.mean_steps, sweep[5].statistics.mean_steps);
}

TEST(LearningRateSweep, ASweepInTinySlicesIsTheSweepComputedAtOnce) {
  // From rates too small to converge in the step limit to ones that diverge.
  auto cost = make_builtin_function("himmelblau");
  SweepSettings settings;
  settings.lr_min = 1e-4;
  settings.lr_max = 0.05;
  settings.points = 8;
  settings.basins.grid = 16;
  settings.basins.max_steps = 400;
  std::vector<SweepPoint> whole;
  ASSERT_TRUE(sweep_learning_rate(*cost, *gd(0.01), settings, whole));
  settings.basins.threads = 1;  // a browser page's
  std::atomic<double> progress{0.0};
  LearningRateSweep sweep(*cost, *gd(0.01), settings, nullptr, &progress);
  int paused = 0;
  double last_progress = 0.0;
  TaskEnd end;
  // A microsecond: over after every row of every point's map.
  while ((end = sweep.run(TimeSlice::from_now(std::chrono::microseconds(1)))) == TaskEnd::paused) {
    ++paused;
    EXPECT_GE(progress.load(), last_progress);
    last_progress = progress.load();
  }
  ASSERT_EQ(end, TaskEnd::finished);
  EXPECT_GE(paused, settings.points * settings.basins.grid) << "a row or so a call";
  EXPECT_DOUBLE_EQ(progress.load(), 1.0);
  const std::vector<SweepPoint> sliced = sweep.finish();
  ASSERT_EQ(sliced.size(), whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const BasinStatistics &a = whole[i].statistics, &b = sliced[i].statistics;
    EXPECT_EQ(whole[i].lr, sliced[i].lr) << i;
    EXPECT_EQ(a.starts, b.starts) << i;
    EXPECT_EQ(a.global_share, b.global_share) << i;
    EXPECT_EQ(a.diverged_share, b.diverged_share) << i;
    EXPECT_EQ(a.converged_share, b.converged_share) << i;
    EXPECT_EQ(a.mean_steps, b.mean_steps) << i;
    EXPECT_EQ(a.median_steps, b.median_steps) << i;
    EXPECT_EQ(a.global_known, b.global_known) << i;
  }
  // The points differ (alike ones would prove little): no start converges, all do, all diverge.
  EXPECT_DOUBLE_EQ(whole.front().statistics.converged_share, 0.0);
  EXPECT_DOUBLE_EQ(whole[4].statistics.converged_share, 1.0);
  EXPECT_DOUBLE_EQ(whole.back().statistics.diverged_share, 1.0);
}

TEST(LearningRateSweep, RangeAroundTheCurrentRateStaysInsideTheTable) {
  const SweepSettings s = sweep_around(0.01, 0.0, 10.0);
  EXPECT_NEAR(s.lr_min, 0.01 / 300.0, 1e-15);
  EXPECT_NEAR(s.lr_max, 0.3, 1e-15);
  const SweepSettings newton = sweep_around(1.0, 0.0, 2.0);
  EXPECT_DOUBLE_EQ(newton.lr_max, 2.0);
}

TEST(LearningRateSweep, CancellingLeavesThePreviousSweep) {
  auto cost = make_builtin_function("rosenbrock");
  SweepSettings settings;
  settings.basins.grid = 512;
  settings.basins.max_steps = 100000;
  std::vector<SweepPoint> sweep = {{0.5, {}}};
  std::atomic<bool> cancel{true};
  EXPECT_FALSE(sweep_learning_rate(*cost, *gd(0.001), settings, sweep, &cancel));
  ASSERT_EQ(sweep.size(), 1u);
  EXPECT_EQ(sweep[0].lr, 0.5);
}
