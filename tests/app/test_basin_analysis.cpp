// The window's background basin maps: recomputed when their inputs change, never shown for
// another surface, and left alone after a cancel until something changes. On a worker thread (the
// desktop) and in slices of each update() (a browser page) alike.
#include "engine/core/builtin_functions.hpp"
#include "engine/sim/basin_analysis.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>

using namespace losscape;

namespace {

// Calls update() until a new map arrives (true) or `seconds` pass (false).
bool wait_for_map(BasinAnalysis& analysis, const BasinAnalysis::Inputs& inputs, double seconds = 20.0) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (analysis.update(inputs, true, false)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

class BasinAnalysisTest : public testing::TestWithParam<RunTasks> {};

std::string mode_name(const testing::TestParamInfo<RunTasks>& info) {
  return info.param == RunTasks::on_worker_thread ? "OnWorkerThread" : "InSlicesOnCaller";
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(BothWays, BasinAnalysisTest,
                         testing::Values(RunTasks::on_worker_thread, RunTasks::in_slices_on_caller), mode_name);

TEST_P(BasinAnalysisTest, ComputesOnceAndAgainOnlyWhenAnInputChanges) {
  BasinAnalysis analysis(GetParam());
  analysis.settings.grid = 24;
  std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  auto gd = make_optimizer("gd");
  const BasinAnalysis::Inputs inputs{cost, gd.get(), "himmelblau"};
  ASSERT_TRUE(wait_for_map(analysis, inputs));
  ASSERT_NE(analysis.map(), nullptr);
  EXPECT_EQ(analysis.map()->grid, 24);
  EXPECT_DOUBLE_EQ(analysis.statistics().global_share, 1.0);
  EXPECT_FALSE(wait_for_map(analysis, inputs, 0.3)) << "nothing changed: no new map";

  ASSERT_TRUE(gd->set_parameter("lr", 0.2));  // too large for Himmelblau: most starts diverge
  ASSERT_TRUE(wait_for_map(analysis, inputs));
  EXPECT_GT(analysis.statistics().diverged_share, 0.5);
  analysis.settings.grid = 16;
  ASSERT_TRUE(wait_for_map(analysis, inputs));
  EXPECT_EQ(analysis.map()->grid, 16);
}

TEST_P(BasinAnalysisTest, AMapOfAnotherSurfaceIsNeverShown) {
  BasinAnalysis analysis(GetParam());
  analysis.settings.grid = 16;
  auto gd = make_optimizer("gd");
  ASSERT_TRUE(wait_for_map(analysis, {make_builtin_function("himmelblau"), gd.get(), "himmelblau"}));
  // The surface changes: the old map goes at once, before the new one is ready.
  const BasinAnalysis::Inputs bowl{make_builtin_function("bowl"), gd.get(), "bowl"};
  analysis.update(bowl, false, false);
  EXPECT_EQ(analysis.map(), nullptr);
  ASSERT_TRUE(wait_for_map(analysis, bowl));
  EXPECT_EQ(analysis.map()->minima.size(), 1u);
}

TEST_P(BasinAnalysisTest, AfterCancelTheSameInputsAreNotComputedAgain) {
  BasinAnalysis analysis(GetParam());
  analysis.settings.grid = 1024;  // long enough to cancel
  analysis.settings.max_steps = 100000;
  auto gd = make_optimizer("gd");
  ASSERT_TRUE(gd->set_parameter("lr", 0.0001));
  const BasinAnalysis::Inputs inputs{make_builtin_function("rosenbrock"), gd.get(), "rosenbrock"};
  analysis.update(inputs, true, false);
  EXPECT_TRUE(analysis.map_busy());
  analysis.cancel();
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (analysis.map_busy() && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_FALSE(analysis.map_busy()) << "cancel is prompt";
  EXPECT_TRUE(analysis.cancelled());
  analysis.update(inputs, true, false);
  EXPECT_FALSE(analysis.map_busy()) << "the user said stop: not restarted for the same inputs";
  analysis.settings.grid = 8;
  analysis.settings.max_steps = 10;
  EXPECT_TRUE(wait_for_map(analysis, inputs)) << "a change starts it again";
}

TEST(BasinAnalysisInSlices, MapAndSweepComeAFrameSliceAtATimeAndEqualTheDesktops) {
  BasinAnalysis analysis(RunTasks::in_slices_on_caller);
  analysis.settings.grid = 384;  // a few hundred ms in all on one core
  analysis.sweep_grid = 32;
  analysis.sweep_points = 8;
  std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  auto gd = make_optimizer("gd");
  ASSERT_TRUE(gd->set_parameter("lr", 0.0005));  // slow to converge: a long map
  const BasinAnalysis::Inputs inputs{cost, gd.get(), "himmelblau"};
  int frames = 0;
  double slowest = 0.0, total = 0.0;
  std::set<double> progress_shown;  // part-way, by the map's progress bar
  for (; frames < 10000 && (frames == 0 || analysis.map_busy() || analysis.sweep_busy()); ++frames) {
    const auto before = std::chrono::steady_clock::now();
    analysis.update(inputs, true, true);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
    slowest = std::max(slowest, took);
    total += took;
    if (analysis.map_busy() && analysis.map_progress() > 0.0 && analysis.map_progress() < 1.0) {
      progress_shown.insert(analysis.map_progress());
    }
  }
  ASSERT_NE(analysis.map(), nullptr);
  ASSERT_EQ(analysis.sweep().size(), 8u);
  EXPECT_GT(frames, 8) << "computed over several frames";
  EXPECT_GE(progress_shown.size(), 3u) << "the progress bar moves from frame to frame";
  // No frame waits for the whole map: its slowest frame is a small part of all the work. (Not a
  // time in milliseconds: the sanitizer pass runs this on a busy machine, several times slower.)
  EXPECT_LT(slowest, total / 4) << "the slowest frame took " << slowest << " s of " << total << " s";

  BasinMap desktop;
  ASSERT_TRUE(compute_basins(*cost, *gd, analysis.settings, desktop));
  EXPECT_EQ(analysis.map()->label, desktop.label);
  EXPECT_EQ(analysis.map()->steps, desktop.steps);
  EXPECT_EQ(analysis.map()->minima.size(), desktop.minima.size());
}
