// Big swarms in the CPU's lockstep lanes (engine/sim/lane_swarm.hpp) against Ball members: every
// method with lanes, with its option branches, 1,000 steps of 12,000 members, must give each
// member's point, f, gradient, steps, status and minimum, and the swarm's counts per minimum,
// bit for bit.
#include "engine/core/optimizers/scheduled.hpp"
#include "engine/sim/lane_swarm.hpp"
#include "engine/sim/simulation.hpp"
#include "engine/sim/swarm.hpp"
#include "tests/math/lane_cases.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <set>

using namespace losscape;

namespace {

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }
bool same_bits(glm::dvec2 a, glm::dvec2 b) { return same_bits(a.x, b.x) && same_bits(a.y, b.y); }

// A simulation of `starts` as one swarm of `prototype`: Ball members, or (lanes) a LaneSwarm.
std::unique_ptr<Simulation> swarm_simulation(const std::shared_ptr<const CostFunction>& cost,
                                             const std::vector<glm::dvec2>& starts, const Optimizer& prototype,
                                             bool lanes) {
  SimulationSettings settings;
  settings.swarm_lanes = lanes;
  auto simulation = std::make_unique<Simulation>(cost, settings);
  simulation->add_swarm(starts, prototype);
  return simulation;
}

const LaneSwarm* lanes_of(const Simulation& simulation) {
  return dynamic_cast<const LaneSwarm*>(simulation.swarm_accelerator());
}

// Steps both simulations to each checkpoint and compares them there; returns how many members
// the Ball swarm has converged at the end.
std::size_t expect_same_swarms(const std::shared_ptr<const CostFunction>& cost, const Optimizer& prototype,
                               std::size_t count, const std::vector<std::size_t>& checkpoints) {
  const std::vector<glm::dvec2> starts = swarm_starts(SwarmLayout::random, count, cost->domain(), 7);
  const auto balls = swarm_simulation(cost, starts, prototype, false);
  const auto lanes = swarm_simulation(cost, starts, prototype, true);
  EXPECT_EQ(balls->swarm_accelerator(), nullptr);
  EXPECT_NE(lanes_of(*lanes), nullptr) << lanes->swarm_note();
  if (!lanes_of(*lanes)) return 0;
  std::size_t taken = 0, converged = 0;
  std::vector<LaneSwarm::Member> members;
  for (const std::size_t checkpoint : checkpoints) {
    balls->run_steps(checkpoint - taken);
    lanes->run_steps(checkpoint - taken);
    taken = checkpoint;
    const SwarmCounts a = balls->swarm_counts(), b = lanes->swarm_counts();  // b names the new minima
    EXPECT_EQ(a.total, b.total);
    EXPECT_EQ(a.running, b.running) << "at step " << checkpoint;
    EXPECT_EQ(a.diverged, b.diverged) << "at step " << checkpoint;
    EXPECT_EQ(a.other, b.other) << "at step " << checkpoint;
    EXPECT_EQ(a.per_minimum, b.per_minimum) << "at step " << checkpoint;
    EXPECT_EQ(balls->minima().size(), lanes->minima().size());
    for (std::size_t m = 0; m < std::min(balls->minima().size(), lanes->minima().size()); ++m) {
      EXPECT_TRUE(same_bits(balls->minima()[m].position, lanes->minima()[m].position)) << "minimum " << m;
      EXPECT_TRUE(same_bits(balls->minima()[m].value, lanes->minima()[m].value)) << "minimum " << m;
      EXPECT_EQ(balls->minima()[m].global, lanes->minima()[m].global) << "minimum " << m;
    }
    lanes_of(*lanes)->read(members);
    std::size_t mismatched = 0;
    converged = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const Ball& ball = balls->balls()[i];
      const LaneSwarm::Member& member = members[i];
      const bool same =
          same_bits(ball.position, member.point.position) && same_bits(ball.value, member.point.value) &&
          same_bits(ball.gradient, member.point.gradient) && same_bits(ball.previous_position, member.previous) &&
          ball.steps == member.steps && ball.status == member.status && ball.minimum == member.minimum &&
          (ball.status != BallStatus::running || ball.steps_outside_domain == member.point.steps_outside_domain);
      if (!same && mismatched++ < 3) {
        ADD_FAILURE() << "step " << checkpoint << ", member " << i << ": Ball (" << ball.position.x << ", "
                      << ball.position.y << ") f " << ball.value << " " << to_string(ball.status) << " after "
                      << ball.steps << " in " << ball.minimum << ", lanes (" << member.point.position.x << ", "
                      << member.point.position.y << ") f " << member.point.value << " " << to_string(member.status)
                      << " after " << member.steps << " in " << member.minimum;
      }
      converged += ball.status == BallStatus::converged;
    }
    EXPECT_EQ(mismatched, 0u) << "at step " << checkpoint;
  }
  return converged;
}

}  // namespace

// One test per case, so that ctest spreads them over the cores.
class LaneSwarmCase : public testing::TestWithParam<std::size_t> {};

TEST_P(LaneSwarmCase, EndsEachMemberExactlyAsBallMembersDo) {
  const LaneCase& c = lane_cases()[GetParam()];
  auto optimizer = make_optimizer(c.optimizer);
  for (const auto& [key, value] : c.parameters) ASSERT_EQ(optimizer->set_parameter(key, value).error(), "");
  SCOPED_TRACE(c.optimizer + " on " + c.cost->formula());
  expect_same_swarms(c.cost, *optimizer, 12000, {1, 10, 1000});
}

INSTANTIATE_TEST_SUITE_P(EveryMethodWithLanes, LaneSwarmCase, testing::Range<std::size_t>(0, lane_cases().size()),
                         [](const testing::TestParamInfo<std::size_t>& param) {
                           return std::to_string(param.param) + "_" + lane_cases()[param.param].optimizer;
                         });

TEST(LaneSwarm, EveryMethodWithLanesHasACase) {
  std::set<std::string> covered;
  for (const LaneCase& c : lane_cases()) covered.insert(c.optimizer);
  for (const std::string& name : optimizer_names()) {
    if (make_optimizer(name)->lanes()) {
      EXPECT_TRUE(covered.count(name)) << name << " has lanes but no case in lane_cases.hpp";
    }
  }
}

TEST(LaneSwarm, HimmelblausSwarmConvergesIntoItsFourMinimaOnBothPaths) {
  auto adam = make_optimizer("adam");
  ASSERT_EQ(adam->set_parameter("lr", 0.05).error(), "");
  const std::size_t converged = expect_same_swarms(make_builtin_function("himmelblau"), *adam, 12000, {1000});
  EXPECT_GT(converged, 11000u) << "the comparison must see members stop, not only run";
}

TEST(LaneSwarm, TheNoteSaysWhereTheSwarmRunsAndWhyNotOnTheGpu) {
  const std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  const auto starts = swarm_starts(SwarmLayout::random, 20000, cost->domain(), 1);
  const auto lanes = swarm_simulation(cost, starts, *make_optimizer("gd"), true);
  const unsigned threads = lanes_of(*lanes)->threads();
  EXPECT_EQ(lanes->swarm_note(), "swarm: 20000 balls on the CPU (vectorised lanes, " + std::to_string(threads) +
                                     (threads == 1 ? " thread" : " threads") +
                                     "; no OpenGL context with compute shaders)");
  EXPECT_EQ(lanes->swarm_size(), 20000u);
  // A method without lanes stays Ball members, and says why.
  const auto newton = swarm_simulation(cost, starts, *make_optimizer("newton"), true);
  EXPECT_EQ(newton->swarm_accelerator(), nullptr);
  EXPECT_EQ(newton->swarm_note(),
            "swarm: 20000 balls on the CPU (no OpenGL context with compute shaders; newton has no lockstep lanes)");
  // A method under a schedule is named with it: "adam" alone would read as Adam refused.
  const auto scheduled_adam = ScheduledOptimizer::make(make_optimizer("adam"), *parse_schedule("StepLR:step_size=10"));
  ASSERT_TRUE(scheduled_adam) << scheduled_adam.error();
  EXPECT_EQ(swarm_simulation(cost, starts, **scheduled_adam, true)->swarm_note(),
            "swarm: 20000 balls on the CPU (no OpenGL context with compute shaders; adam with a schedule has no "
            "lockstep lanes)");
  // So does gradient noise: each member sees its own.
  SimulationSettings noisy;
  noisy.noise.sigma = 0.1;
  Simulation with_noise(cost, noisy);
  with_noise.add_swarm(starts, *make_optimizer("gd"));
  EXPECT_EQ(with_noise.swarm_accelerator(), nullptr);
  EXPECT_NE(with_noise.swarm_note().find("gradient noise and minibatches are not in the CPU's lanes"),
            std::string::npos)
      << with_noise.swarm_note();
}

TEST(LaneSwarm, ResetStartsEveryMemberAgainAndOneThreadGivesWhatAllThreadsGive) {
  const std::shared_ptr<const CostFunction> cost = make_builtin_function("rastrigin");
  auto gd = make_optimizer("gd");
  ASSERT_EQ(gd->set_parameter("lr", 0.02).error(), "");
  const auto starts = swarm_starts(SwarmLayout::latin_hypercube, 3000, cost->domain(), 3);
  auto one = LaneSwarm::create(*cost, starts, *gd, SimulationSettings{}, 1);
  auto all = LaneSwarm::create(*cost, starts, *gd, SimulationSettings{}, 4);
  ASSERT_TRUE(one && all);
  MinimumCatalogue minima_one(*cost), minima_all(*cost);
  (*one)->step(300);
  for (int i = 0; i < 300; ++i) (*all)->step(1);
  EXPECT_EQ((*one)->counts(minima_one).per_minimum, (*all)->counts(minima_all).per_minimum);
  std::vector<LaneSwarm::Member> a, b;
  (*one)->read(a);
  (*all)->read(b);
  for (std::size_t i = 0; i < starts.size(); ++i) ASSERT_TRUE(same_bits(a[i].point.position, b[i].point.position)) << i;
  (*all)->reset();
  EXPECT_TRUE((*all)->any_running());
  (*all)->read(b);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    ASSERT_EQ(b[i].point.position, starts[i]);
    ASSERT_EQ(b[i].steps, 0u);
  }
  const SwarmCounts counts = (*all)->counts(minima_all);
  EXPECT_EQ(counts.running, starts.size());
}
