// Swarms: start layouts, and swarm members labelled by the minimum they end in.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/sim/simulation.hpp"
#include "engine/sim/swarm.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace losscape;

namespace {

const Domain kDomain{-5.0, 5.0, -2.0, 2.0};

void expect_inside(const std::vector<glm::dvec2>& starts, const Domain& d) {
  for (const glm::dvec2& p : starts) {
    ASSERT_TRUE(d.contains(p)) << p.x << ", " << p.y;
  }
}

}  // namespace

TEST(SwarmLayout, NamesRoundTrip) {
  for (SwarmLayout layout : {SwarmLayout::grid, SwarmLayout::random, SwarmLayout::latin_hypercube}) {
    SwarmLayout parsed = SwarmLayout::grid;
    ASSERT_TRUE(parse_swarm_layout(to_string(layout), parsed));
    EXPECT_EQ(parsed, layout);
  }
  SwarmLayout unused;
  EXPECT_FALSE(parse_swarm_layout("hexagonal", unused));
}

TEST(SwarmLayout, GridHasSquareishCellsAtCellCentres) {
  const auto starts = swarm_starts(SwarmLayout::grid, 100, kDomain, 1);
  expect_inside(starts, kDomain);
  // Width 10 by height 4: about sqrt(100 * 2.5) = 16 columns of 6 rows.
  std::set<double> xs, ys;
  for (const auto& p : starts) xs.insert(p.x), ys.insert(p.y);
  EXPECT_EQ(xs.size(), 16u);
  EXPECT_EQ(ys.size(), 6u);
  EXPECT_EQ(starts.size(), 96u);
  EXPECT_DOUBLE_EQ(*xs.begin(), -5.0 + 10.0 / 16.0 / 2.0);
}

TEST(SwarmLayout, RandomIsReproducibleFromItsSeedAndUniform) {
  const auto a = swarm_starts(SwarmLayout::random, 4000, kDomain, 7);
  const auto b = swarm_starts(SwarmLayout::random, 4000, kDomain, 7);
  const auto c = swarm_starts(SwarmLayout::random, 4000, kDomain, 8);
  ASSERT_EQ(a.size(), 4000u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  expect_inside(a, kDomain);
  // Each quarter of the domain holds about a quarter of the points (binomial sd ~ 27).
  std::size_t left_bottom = 0;
  for (const auto& p : a) left_bottom += p.x < 0.0 && p.y < 0.0;
  EXPECT_NEAR(static_cast<double>(left_bottom), 1000.0, 120.0);
}

TEST(SwarmLayout, LatinHypercubeHasOneStartPerColumnAndPerRow) {
  const std::size_t n = 257;
  const auto starts = swarm_starts(SwarmLayout::latin_hypercube, n, kDomain, 3);
  ASSERT_EQ(starts.size(), n);
  expect_inside(starts, kDomain);
  std::vector<int> per_column(n), per_row(n);
  for (const auto& p : starts) {
    ++per_column[static_cast<std::size_t>((p.x - kDomain.x_min) / kDomain.width() * n)];
    ++per_row[static_cast<std::size_t>((p.y - kDomain.y_min) / kDomain.height() * n)];
  }
  EXPECT_TRUE(std::all_of(per_column.begin(), per_column.end(), [](int c) { return c == 1; }));
  EXPECT_TRUE(std::all_of(per_row.begin(), per_row.end(), [](int c) { return c == 1; }));
}

TEST(Swarm, MembersAreLabelledByTheMinimumTheyEndIn) {
  std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  Simulation simulation(cost);
  auto gd = make_optimizer("gd");
  ASSERT_TRUE(gd->set_parameter("lr", 0.01));
  simulation.add_ball({0.0, 0.0}, gd->clone());  // an ordinary ball stays out of the counts
  simulation.add_swarm(swarm_starts(SwarmLayout::grid, 400, cost->domain(), 1), *gd);
  EXPECT_EQ(simulation.swarm_size(), 400u);
  EXPECT_EQ(simulation.swarm_counts().running, 400u);
  simulation.run_steps(3000);

  const SwarmCounts counts = simulation.swarm_counts();
  EXPECT_EQ(counts.total, 400u);
  ASSERT_EQ(counts.per_minimum.size(), 4u) << "every member ended in one of the four known minima";
  std::size_t sum = 0;
  for (std::size_t c : counts.per_minimum) {
    EXPECT_GE(c, 60u);
    sum += c;
  }
  EXPECT_EQ(sum + counts.running + counts.diverged + counts.other, 400u);
  for (const Ball& ball : simulation.balls()) {
    if (!ball.swarm || ball.minimum < 0) continue;
    const glm::dvec2 m = simulation.minima()[static_cast<std::size_t>(ball.minimum)].position;
    EXPECT_LT(glm::length(ball.position - m), 1e-3);
    EXPECT_EQ(ball.trail.capacity(), simulation.settings().swarm_trail_capacity);
    EXPECT_TRUE(ball.history.empty());
  }
  simulation.clear_swarm();
  EXPECT_EQ(simulation.balls().size(), 1u);
}

TEST(Swarm, ABigSwarmOfAMethodWithoutLanesKeepsNoTrails) {
  // L-BFGS has no lockstep lanes, so a swarm of it runs as Ball members however big; beyond
  // kLargestBallSwarm they keep no trail, as a big swarm on the GPU or in the lanes has none.
  std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  auto lbfgs = make_optimizer("lbfgs");
  ASSERT_EQ(lbfgs->lanes(), nullptr);
  for (const std::size_t count : {kLargestBallSwarm, kLargestBallSwarm + 1}) {
    Simulation simulation(cost);
    simulation.add_swarm(swarm_starts(SwarmLayout::random, count, cost->domain(), 3), *lbfgs);
    simulation.run_steps(2);
    ASSERT_EQ(simulation.swarm_size(), count);
    const std::size_t kept = count == kLargestBallSwarm ? 12 : 0;
    std::size_t wrong = 0;
    for (const Ball& ball : simulation.balls()) wrong += ball.trail.capacity() != kept || ball.trail.size() > kept;
    EXPECT_EQ(wrong, 0u) << count << " members";
  }
}

TEST(Swarm, DivergingMembersAreCountedNotGivenMinima) {
  std::shared_ptr<const CostFunction> cost = make_builtin_function("bowl");
  Simulation simulation(cost);
  auto gd = make_optimizer("gd");
  ASSERT_TRUE(gd->set_parameter("lr", 1.5));
  simulation.add_swarm(swarm_starts(SwarmLayout::random, 50, cost->domain(), 2), *gd);
  simulation.run_steps(500);
  const SwarmCounts counts = simulation.swarm_counts();
  EXPECT_EQ(counts.diverged, 50u);
  ASSERT_EQ(counts.per_minimum.size(), 1u);
  EXPECT_EQ(counts.per_minimum[0], 0u);
}

TEST(Swarm, FoundMinimaOfAFormulaFreeFunctionAreNamedAndTheLowestIsGlobal) {
  // Styblinski-Tang typed as a formula: no listed minima, so the catalogue finds and ranks them.
  formula::CompileError error;
  auto cost = FormulaFunction::create(make_builtin_function("styblinski_tang")->formula(), {-5, 5, -5, 5}, error);
  ASSERT_NE(cost, nullptr);
  MinimumCatalogue empty(*cost);
  ASSERT_EQ(empty.size(), 0u);
  const glm::dvec2 low(-2.903534027771177, -2.903534027771177), high(2.746802770990837, 2.746802770990837);
  EXPECT_EQ(empty.find_or_add(high, cost->value(high)), 0);
  EXPECT_TRUE(empty[0].global) << "the only one found so far is the lowest";
  EXPECT_EQ(empty.find_or_add(low, cost->value(low)), 1);
  EXPECT_FALSE(empty[0].global);
  EXPECT_TRUE(empty[1].global);
  EXPECT_EQ(empty.find_or_add(low + glm::dvec2(1e-9, 0.0), 0.0), 1) << "within the radius: the same minimum";
}

TEST(Swarm, AdoptingAMapsMinimaKeepsItsIndices) {
  std::shared_ptr<const CostFunction> cost = make_builtin_function("bowl");
  Simulation simulation(cost);
  const BasinMinimum own{simulation.minima()[0], 10}, extra{{{1.0, 1.0}, 2.0, false, false}, 3};
  simulation.adopt_minima({own, extra});
  ASSERT_EQ(simulation.minima().size(), 2u);
  EXPECT_EQ(simulation.minima().find({1.0, 1.0}), 1);
}

TEST(Swarm, ASlowMembersShortTrailStillSpansItsPathNotItsLastSteps) {
  // Gradient descent creeps into the bowl's minimum: thousands of ever smaller steps. A trail of
  // one point per step would hold only the last millimetre; one point per stretch keeps the path.
  std::shared_ptr<const CostFunction> cost = make_builtin_function("bowl");
  Simulation simulation(cost);
  auto gd = make_optimizer("gd");
  ASSERT_TRUE(gd->set_parameter("lr", 0.002));
  const glm::dvec2 start(4.0, 3.0);
  simulation.add_swarm({start}, *gd);
  simulation.run_steps(20000);
  const Ball& ball = simulation.balls().front();
  ASSERT_EQ(ball.status, BallStatus::converged);
  const Trail& trail = ball.trail;
  ASSERT_EQ(trail.size(), trail.capacity());
  const double spacing = simulation.settings().swarm_trail_spacing * cost->domain().width();
  EXPECT_GT(glm::length(trail[0] - ball.position), 0.8 * spacing * static_cast<double>(trail.capacity() - 1));
  EXPECT_EQ(trail[trail.size() - 1], ball.position) << "the resting point ends the trail";
  EXPECT_GT(trail.pushed(), trail.size()) << "older points dropped, the count goes on";
}
