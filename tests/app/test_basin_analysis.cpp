// The window's background basin maps: recomputed when their inputs change, never shown for
// another surface, and left alone after a cancel until something changes.
#include "engine/core/builtin_functions.hpp"
#include "engine/sim/basin_analysis.hpp"

#include <gtest/gtest.h>

#include <chrono>
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

}  // namespace

TEST(BasinAnalysis, ComputesOnceAndAgainOnlyWhenAnInputChanges) {
  BasinAnalysis analysis;
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

TEST(BasinAnalysis, AMapOfAnotherSurfaceIsNeverShown) {
  BasinAnalysis analysis;
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

TEST(BasinAnalysis, AfterCancelTheSameInputsAreNotComputedAgain) {
  BasinAnalysis analysis;
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
