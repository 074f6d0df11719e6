// Basins of attraction: shares, symmetry, divergence, thread and slice independence, cancellation.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/sim/basins.hpp"
#include "tests/math/lane_cases.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace losscape;

namespace {

std::unique_ptr<Optimizer> gd(double lr) {
  auto o = make_optimizer("gd");
  EXPECT_EQ(o->set_parameter("lr", lr).error(), "");
  return o;
}

std::unique_ptr<CostFunction> typed(const std::string& text, Domain domain) {
  formula::CompileError error;
  auto f = FormulaFunction::create(text, domain, error);
  EXPECT_NE(f, nullptr) << error.message;
  return f;
}

void expect_same_map(const BasinMap& a, const BasinMap& b, const std::string& what) {
  EXPECT_EQ(a.grid, b.grid) << what;
  EXPECT_EQ(a.label, b.label) << what;
  EXPECT_EQ(a.steps, b.steps) << what;
  EXPECT_EQ(a.status, b.status) << what;
  EXPECT_EQ(a.point_steps, b.point_steps) << what;
  ASSERT_EQ(a.end.size(), b.end.size()) << what;
  for (std::size_t k = 0; k < a.end.size(); ++k) ASSERT_EQ(a.end[k], b.end[k]) << what << ", start " << k;
  ASSERT_EQ(a.minima.size(), b.minima.size()) << what;
  for (std::size_t m = 0; m < a.minima.size(); ++m) {
    EXPECT_EQ(a.minima[m].position, b.minima[m].position) << what << ", minimum " << m;
    EXPECT_EQ(a.minima[m].value, b.minima[m].value) << what << ", minimum " << m;
    EXPECT_EQ(a.minima[m].known, b.minima[m].known) << what << ", minimum " << m;
    EXPECT_EQ(a.minima[m].global, b.minima[m].global) << what << ", minimum " << m;
    EXPECT_EQ(a.minima[m].starts, b.minima[m].starts) << what << ", minimum " << m;
  }
}

}  // namespace

TEST(Basins, ASymmetricDoubleWellSplitsACentredGridInHalf) {
  auto cost = typed("(x^2 - 1)^2 + y^2", {-2, 2, -2, 2});
  BasinSettings settings;
  settings.grid = 64;
  settings.max_steps = 3000;
  BasinMap map;
  ASSERT_TRUE(compute_basins(*cost, *gd(0.05), settings, map));
  ASSERT_EQ(map.minima.size(), 2u) << "no known minima: two found";
  EXPECT_EQ(map.minima[0].starts, 64u * 32u);
  EXPECT_EQ(map.minima[1].starts, 64u * 32u);
  EXPECT_NEAR(std::abs(map.minima[0].position.x), 1.0, 1e-6);
  EXPECT_NEAR(map.minima[0].position.x, -map.minima[1].position.x, 1e-6);
}

TEST(Basins, HimmelblausFourBasinsEachHoldAFifthToAThird) {
  auto cost = make_builtin_function("himmelblau");
  BasinSettings settings;
  settings.grid = 64;
  settings.max_steps = 5000;
  BasinMap map;
  ASSERT_TRUE(compute_basins(*cost, *gd(0.002), settings, map));
  ASSERT_EQ(map.minima.size(), 4u) << "every end matched one of the four known minima";
  const double n = 64.0 * 64.0;
  for (const BasinMinimum& m : map.minima) {
    EXPECT_TRUE(m.known);
    EXPECT_GE(static_cast<double>(m.starts) / n, 0.20) << m.position.x << ", " << m.position.y;
    EXPECT_LE(static_cast<double>(m.starts) / n, 0.30) << m.position.x << ", " << m.position.y;
  }
}

TEST(Basins, EveryStartOfAConvexBowlReachesItsMinimum) {
  auto cost = make_builtin_function("bowl");
  BasinSettings settings;
  settings.grid = 32;
  BasinMap map;
  ASSERT_TRUE(compute_basins(*cost, *gd(0.1), settings, map));
  EXPECT_EQ(map.minima.size(), 1u);
  EXPECT_EQ(map.count(0), 32u * 32u);
}

TEST(Basins, ATooLargeLearningRateMarksStartsDivergedAndInventsNoMinima) {
  auto cost = make_builtin_function("bowl");
  BasinSettings settings;
  settings.grid = 32;
  BasinMap map;
  ASSERT_TRUE(compute_basins(*cost, *gd(1.5), settings, map));
  EXPECT_EQ(map.count(kDiverged), 32u * 32u);
  ASSERT_EQ(map.minima.size(), 1u);  // only the known one, reached by nobody
  EXPECT_EQ(map.minima[0].starts, 0u);
}

TEST(Basins, OneThreadAndAllThreadsGiveTheSameMapExactly) {
  auto cost = make_builtin_function("six_hump_camel");
  BasinSettings settings;
  settings.grid = 48;
  settings.max_steps = 500;
  BasinMap one, many;
  settings.threads = 1;
  ASSERT_TRUE(compute_basins(*cost, *make_optimizer("adam"), settings, one));
  settings.threads = 4;
  ASSERT_TRUE(compute_basins(*cost, *make_optimizer("adam"), settings, many));
  EXPECT_EQ(one.label, many.label);
  EXPECT_EQ(one.steps, many.steps);
  ASSERT_EQ(one.end.size(), many.end.size());
  for (std::size_t k = 0; k < one.end.size(); ++k) ASSERT_EQ(one.end[k], many.end[k]) << k;
}

TEST(Basins, AMapComputedInManyTinySlicesIsTheMapComputedAtOnce) {
  // Rastrigin's many minima are found (and numbered) in start order, so the order in which the
  // ends are named matters as much as the rows.
  auto cost = make_builtin_function("rastrigin");
  BasinSettings settings;
  settings.grid = 40;
  settings.max_steps = 300;
  for (const bool lockstep : {true, false}) {
    for (const unsigned threads : {1u, 3u}) {  // 1: a browser page's
      settings.allow_lockstep = lockstep;
      settings.threads = threads;
      const std::string what =
          std::string(lockstep ? "lockstep" : "one at a time") + ", threads " + std::to_string(threads);
      BasinMap whole;
      ASSERT_TRUE(compute_basins(*cost, *gd(0.002), settings, whole));
      std::atomic<double> progress{0.0};
      BasinMapper mapper(*cost, *gd(0.002), settings, nullptr, &progress);
      int paused = 0;
      double last_progress = 0.0;
      TaskEnd end;
      // A microsecond: over after every row, so each call runs one row (on each thread).
      while ((end = mapper.run(TimeSlice::from_now(std::chrono::microseconds(1)))) == TaskEnd::paused) {
        ++paused;
        EXPECT_GE(progress.load(), last_progress) << what;
        last_progress = progress.load();
      }
      ASSERT_EQ(end, TaskEnd::finished) << what;
      EXPECT_GE(paused, settings.grid / static_cast<int>(threads)) << what << ": a row or so a call";
      EXPECT_DOUBLE_EQ(progress.load(), 1.0) << what;
      const BasinMap sliced = mapper.finish();
      EXPECT_GT(whole.minima.size(), 10u) << what;
      expect_same_map(whole, sliced, what);
    }
  }
}

TEST(Basins, RowsRunOnSeveralThreadsAtOnceInTinySlicesMakeTheSameMap) {
  auto cost = make_builtin_function("himmelblau");
  BasinSettings settings;
  settings.grid = 48;
  settings.max_steps = 500;
  settings.threads = 1;
  BasinMap whole;
  ASSERT_TRUE(compute_basins(*cost, *make_optimizer("adam"), settings, whole));
  BasinMapper mapper(*cost, *make_optimizer("adam"), settings);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&mapper] {
      for (int call = 0; call < 1000; ++call) mapper.run_rows(TimeSlice::from_now(std::chrono::microseconds(1)));
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(mapper.run(TimeSlice::from_now(std::chrono::seconds(10))), TaskEnd::finished) << "every row was run";
  expect_same_map(whole, mapper.finish(), "four threads");
}

TEST(Basins, CancellingStopsPromptlyAndLeavesThePreviousMapIntact) {
  auto cost = make_builtin_function("rosenbrock");
  BasinSettings settings;
  settings.grid = 16;
  BasinMap map;
  ASSERT_TRUE(compute_basins(*cost, *gd(0.001), settings, map));
  const auto previous = map.label;

  settings.grid = 1024;  // long: millions of starts
  settings.max_steps = 100000;
  std::atomic<bool> cancel{false};
  std::atomic<double> progress{0.0};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel = true;
  });
  const auto start = std::chrono::steady_clock::now();
  const bool finished = compute_basins(*cost, *gd(0.001), settings, map, &cancel, &progress);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  canceller.join();
  EXPECT_FALSE(finished);
  EXPECT_LT(seconds, 1.0) << "cancel is checked before every start";
  EXPECT_EQ(map.grid, 16);
  EXPECT_EQ(map.label, previous);
  EXPECT_LT(progress.load(), 1.0);
}

TEST(Basins, LockstepGivesExactlyTheOneAtATimeMapForEveryOptimizerWithLanes) {
  for (const LaneCase& c : lane_cases()) {
    auto optimizer = make_optimizer(c.optimizer);
    for (const auto& [key, value] : c.parameters) ASSERT_EQ(optimizer->set_parameter(key, value).error(), "");
    ASSERT_NE(optimizer->lanes(), nullptr) << c.optimizer;
    const std::string what = c.optimizer + " on " + c.cost->formula();
    BasinSettings settings;
    settings.grid = 40;
    settings.max_steps = 700;
    BasinMap lockstep, one_at_a_time;
    ASSERT_TRUE(compute_basins(*c.cost, *optimizer, settings, lockstep));
    settings.allow_lockstep = false;
    ASSERT_TRUE(compute_basins(*c.cost, *optimizer, settings, one_at_a_time));
    EXPECT_EQ(lockstep.label, one_at_a_time.label) << what;
    EXPECT_EQ(lockstep.steps, one_at_a_time.steps) << what;
    EXPECT_EQ(lockstep.status, one_at_a_time.status) << what;
    for (std::size_t k = 0; k < lockstep.end.size(); ++k) {
      ASSERT_EQ(lockstep.end[k], one_at_a_time.end[k]) << what << ", start " << k;
    }
  }
}

TEST(Basins, NewtonAndTheBallRunOneStartAtATime) {
  EXPECT_EQ(make_optimizer("newton")->lanes(), nullptr);
  EXPECT_EQ(make_optimizer("ball")->lanes(), nullptr);
  EXPECT_EQ(make_optimizer("sophia")->lanes(), nullptr);   // the lanes see no Hessian
  EXPECT_EQ(make_optimizer("shampoo")->lanes(), nullptr);  // not per coordinate
}

// The lockstep's vectorised pass flags a lane for a closer look whenever it might have converged
// (each component within the tolerances) and advances its count of steps outside the domain
// regardless; the closer look recovers the count before the step. Here lanes run outside the
// domain towards a minimum beyond it, flagged step after step while the gradient's components
// are within the tolerance and its length not yet, until the count ends them or they converge:
// the map must still be the one-at-a-time map, step counts included.
TEST(Basins, LockstepCountsStepsOutsideTheDomainOfLanesFlaggedForACloserLook) {
  auto beyond = typed("(x - 3)^2 + (y - 3)^2", {-2, 2, -2, 2});
  auto gd = make_optimizer("gd");
  ASSERT_EQ(gd->set_parameter("lr", 0.02).error(), "");
  BasinSettings settings;
  settings.grid = 24;
  settings.max_steps = 400;
  settings.limits.gradient_tolerance = 0.5;
  settings.limits.step_tolerance = 1.0;  // never the reason a lane is held back
  for (const std::size_t limit : {std::size_t{20}, std::size_t{38}, std::size_t{60}}) {
    settings.limits.max_steps_outside_domain = limit;
    BasinMap lockstep, one_at_a_time;
    settings.allow_lockstep = true;
    ASSERT_TRUE(compute_basins(*beyond, *gd, settings, lockstep));
    settings.allow_lockstep = false;
    ASSERT_TRUE(compute_basins(*beyond, *gd, settings, one_at_a_time));
    EXPECT_EQ(lockstep.steps, one_at_a_time.steps) << limit;
    EXPECT_EQ(lockstep.status, one_at_a_time.status) << limit;
    EXPECT_EQ(lockstep.end, one_at_a_time.end) << limit;
    EXPECT_GT(lockstep.count(outcome_of(BallStatus::left_domain)), 0u) << limit;
  }
}
