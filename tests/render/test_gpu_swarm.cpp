// Swarms on the GPU (engine/render/compute/) against the CPU, on llvmpipe's compute shaders in
// CI: every method the GPU claims, 1,000 starts on Himmelblau for 1,000 steps, must give the CPU
// step rules' points, values, gradients and statuses bit for bit, at every checkpoint.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizers/scheduled.hpp"
#include "engine/core/step_rules.hpp"
#include "engine/render/compute/gpu_swarm.hpp"
#include "engine/render/compute/swarm_rules.hpp"
#include "engine/sim/swarm.hpp"
#include "tests/render/compute_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace losscape {
namespace {

class GpuSwarmTest : public HeadlessRender {};

struct CpuBall {
  std::unique_ptr<Optimizer> optimizer;
  TrackedPoint point;
  BallStatus status = BallStatus::running;
};

// Steps `optimizer` (with `parameters` set) on the CPU and on the GPU side by side from `count`
// starts, comparing every ball at the checkpoints (tolerance 0: bit for bit; else the points
// within it, f relative to 1 + |f|, the statuses equal); returns how many balls converged.
std::size_t expect_same_as_cpu(const std::string& name, const std::vector<std::pair<std::string, double>>& parameters,
                               std::size_t count = 1000, std::size_t steps = 1000,
                               const std::string& function = "himmelblau", double tolerance = 0.0) {
  SCOPED_TRACE(name + " on " + function);
  if (tolerance == 0.0 && !exact_gpu_doubles()) tolerance = kHardwareTolerance;
  const std::shared_ptr<const CostFunction> cost = make_builtin_function(function);
  std::unique_ptr<Optimizer> prototype = make_optimizer(name);
  for (const auto& [key, value] : parameters) EXPECT_EQ(prototype->set_parameter(key, value).error(), "");
  const std::vector<glm::dvec2> starts = swarm_starts(SwarmLayout::random, count, cost->domain(), 7);
  SimulationSettings settings;
  auto gpu = GpuSwarm::create(*cost, starts, *prototype, settings);
  EXPECT_TRUE(gpu) << gpu.error();
  if (!gpu) return 0;
  std::vector<CpuBall> cpu(count);
  for (std::size_t i = 0; i < count; ++i) {
    cpu[i].optimizer = prototype->clone();
    cpu[i].optimizer->reset();
    cpu[i].status = start_at(*cost, starts[i], cpu[i].point);
  }
  std::size_t taken = 0, converged = 0;
  for (const std::size_t checkpoint : {std::size_t{0}, std::size_t{1}, std::size_t{10}, std::size_t{100}, steps}) {
    for (; taken < checkpoint; ++taken) {
      for (CpuBall& ball : cpu) {
        if (ball.status == BallStatus::running)
          ball.status = take_step(*cost, *ball.optimizer, ball.point, settings).status;
      }
    }
    (*gpu)->step(checkpoint - (*gpu)->steps_taken());
    const std::vector<GpuSwarm::Member> members = (*gpu)->read_back();
    std::size_t mismatched = 0;
    converged = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const TrackedPoint& a = cpu[i].point;
      const TrackedPoint& b = members[i].point;
      const bool close = tolerance == 0.0
                             ? same_bits(a.position.x, b.position.x) && same_bits(a.position.y, b.position.y) &&
                                   same_bits(a.value, b.value) && same_bits(a.gradient.x, b.gradient.x) &&
                                   same_bits(a.gradient.y, b.gradient.y)
                             : glm::length(a.position - b.position) <= tolerance &&
                                   std::abs(a.value - b.value) <= tolerance * (1.0 + std::abs(a.value));
      const bool same = close && a.steps_outside_domain == b.steps_outside_domain && cpu[i].status == members[i].status;
      if (!same && mismatched++ < 3 && exact_gpu_doubles()) {
        ADD_FAILURE() << "step " << checkpoint << ", ball " << i << ": CPU (" << a.position.x << ", " << a.position.y
                      << ") " << to_string(cpu[i].status) << ", GPU (" << b.position.x << ", " << b.position.y << ") "
                      << to_string(members[i].status) << ", differing by " << glm::length(a.position - b.position);
      }
      converged += cpu[i].status == BallStatus::converged;
    }
    EXPECT_LE(mismatched, allowed_gpu_mismatches(count)) << "at step " << checkpoint;
  }
  std::size_t by_status[5] = {};
  for (const CpuBall& ball : cpu) ++by_status[static_cast<int>(ball.status)];
  std::printf("%s: after %zu steps (GPU: %zu), %zu running, %zu converged, %zu diverged, %zu left, %zu undefined\n",
              name.c_str(), steps, (*gpu)->steps_taken(), by_status[0], by_status[1], by_status[2], by_status[3],
              by_status[4]);
  return converged;
}

TEST_F(GpuSwarmTest, OtherFunctionsStepAsTheCpuToo) {
  // cost_glsl compiles a built-in from its formula text, not from its hand-written C++ gradient:
  // where the two order their operations alike (Himmelblau above, Booth) the GPU gives the CPU's
  // bits; elsewhere (Rosenbrock's gradient, Rastrigin's sines and cosines) f and its gradient
  // differ in the last bit or so, and the swarm keeps to the CPU's within 1e-12, in the same state.
  expect_same_as_cpu("gd", {{"lr", 0.001}}, 300, 1000, "booth");
  expect_same_as_cpu("adam", {{"lr", 0.01}}, 300, 1000, "booth");
  // (Adam at lr 0.01 zigzags across Rosenbrock's valley, and there an ulp grows to a thousandth
  // in 1,000 steps, as it would between two CPUs rounding once differently: chaos, not a wrong rule.)
  expect_same_as_cpu("gd", {{"lr", 0.001}}, 300, 1000, "rosenbrock", 1e-12);
  expect_same_as_cpu("adam", {{"lr", 0.001}}, 300, 1000, "rosenbrock", 1e-12);
  expect_same_as_cpu("gd", {{"lr", 0.001}}, 300, 1000, "rastrigin", 1e-12);
  expect_same_as_cpu("adam", {{"lr", 0.01}}, 300, 1000, "rastrigin", 1e-12);
}

// 400 gradient-descent balls from a grid on Himmelblau after 1,000 steps (all at rest).
std::unique_ptr<GpuSwarm> settled_gd_swarm() {
  const std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  auto gpu =
      GpuSwarm::create(*cost, swarm_starts(SwarmLayout::grid, 400, cost->domain(), 1), *make_optimizer("gd"), {});
  EXPECT_TRUE(gpu) << gpu.error();
  if (!gpu) return nullptr;
  (*gpu)->step(1000);
  return std::move(*gpu);
}

TEST_F(GpuSwarmTest, EveryClaimedMethodStepsAsTheCpuBitForBit) {
  ASSERT_EQ(compute_shaders_available().error(), "") << "the tests need compute shaders (llvmpipe has them)";
  for (const std::string& name : gpu_swarm_methods()) expect_same_as_cpu(name, {});
}

TEST_F(GpuSwarmTest, TheirOptionsStepAsTheCpuToo) {
  // Each branch of each rule: weight decay, maximize, dampening, AMSGrad, centred RMSProp with
  // momentum, AdaGrad's decay and initial accumulator, Adamax's, RAdam's, Adadelta's and Lion's decay, Rprop's
  // factors and bounds, Signum's beta, ASGD's decay, Schedule-Free's warm-up and weights, NAdam's momentum schedule,
  // and learning rates large enough to diverge.
  expect_same_as_cpu("gd", {{"lr", 0.02}, {"weight_decay", 0.1}}, 300);
  expect_same_as_cpu("momentum", {{"dampening", 0.3}, {"weight_decay", 0.05}, {"lr", 0.02}}, 300);
  expect_same_as_cpu("nesterov", {{"maximize", 1.0}}, 300, 300);
  expect_same_as_cpu("adagrad", {{"lr", 0.5}, {"lr_decay", 0.01}, {"initial_accumulator_value", 0.3}}, 300);
  expect_same_as_cpu("rmsprop", {{"centered", 1.0}, {"momentum", 0.5}, {"weight_decay", 0.01}}, 300);
  expect_same_as_cpu("adam", {{"amsgrad", 1.0}, {"weight_decay", 0.1}, {"lr", 0.1}}, 300);
  expect_same_as_cpu("adamw", {{"lr", 0.05}, {"weight_decay", 0.5}}, 300);
  expect_same_as_cpu("adamax", {{"maximize", 1.0}, {"weight_decay", 0.1}, {"lr", 0.05}}, 300, 300);
  expect_same_as_cpu("radam", {{"weight_decay", 0.1}, {"lr", 0.05}, {"beta2", 0.99}}, 300);
  expect_same_as_cpu("adabelief", {{"lr", 0.1}, {"beta1", 0.5}, {"eps", 1e-6}}, 300);
  expect_same_as_cpu("adadelta", {{"maximize", 1.0}, {"weight_decay", 0.1}, {"lr", 2.0}}, 300, 300);
  expect_same_as_cpu("rprop", {{"eta_minus", 0.3}, {"eta_plus", 1.5}, {"step_size_max", 0.5}}, 300);
  expect_same_as_cpu("rprop", {{"maximize", 1.0}}, 300, 300);
  expect_same_as_cpu("lion", {{"weight_decay", 0.3}, {"beta1", 0.5}, {"lr", 0.01}}, 300);
  expect_same_as_cpu("signum", {{"beta", 0.5}, {"lr", 0.02}}, 300);
  expect_same_as_cpu("signsgd", {{"lr", 0.2}}, 300);
  // ASGD with decay, averaging from step 11 on (t0: the average is kept but nothing of a swarm
  // reads it, so only the points are compared); Schedule-Free warming up (lr_t rising, so lr_max
  // and its power move), weighted by t^r, with weight decay.
  expect_same_as_cpu("asgd", {{"t0", 10.0}, {"lambd", 0.1}, {"weight_decay", 0.1}, {"lr", 0.02}}, 300);
  expect_same_as_cpu("asgd", {{"maximize", 1.0}, {"t0", 0.0}}, 300, 300);
  expect_same_as_cpu("schedulefree_sgd", {{"warmup_steps", 50.0}, {"r", 1.0}, {"weight_decay", 0.05}}, 300);
  expect_same_as_cpu("schedulefree_adamw",
                     {{"warmup_steps", 30.0}, {"weight_lr_power", 1.5}, {"weight_decay", 0.1}, {"lr", 0.05}}, 300);
  // NAdam with a faster momentum schedule (its float32 product of momentum factors) and weight decay.
  expect_same_as_cpu("nadam", {{"momentum_decay", 0.02}, {"weight_decay", 0.1}, {"lr", 0.05}, {"beta1", 0.8}}, 300);
}

TEST_F(GpuSwarmTest, MostOfAGradientDescentSwarmReachesAMinimumAndIsCounted) {
  EXPECT_GT(expect_same_as_cpu("gd", {}), 900u);
  const std::unique_ptr<GpuSwarm> gpu = settled_gd_swarm();
  ASSERT_TRUE(gpu);
  MinimumCatalogue minima(*make_builtin_function("himmelblau"));
  const SwarmCounts counts = gpu->counts(minima);
  EXPECT_EQ(counts.total, 400u);
  ASSERT_EQ(counts.per_minimum.size(), 4u);  // Himmelblau's four, no new ones
  for (const std::size_t n : counts.per_minimum) EXPECT_GT(n, 40u);
}

TEST_F(GpuSwarmTest, MinimaListedInAnotherOrderRelabelTheMembers) {
  // A basin map's minima adopted first (Simulation::adopt_minima) reorder the catalogue: the
  // members' labels, and so their colours and the legend's shares, follow.
  const std::unique_ptr<GpuSwarm> gpu = settled_gd_swarm();
  ASSERT_TRUE(gpu);
  MinimumCatalogue minima(*make_builtin_function("himmelblau"));
  const SwarmCounts before = gpu->counts(minima);
  std::vector<NamedMinimum> reversed(minima.minima().rbegin(), minima.minima().rend());
  minima.put_first(reversed);
  gpu->relabel(minima);
  const SwarmCounts after = gpu->counts(minima);
  ASSERT_EQ(after.per_minimum.size(), 4u);
  for (std::size_t m = 0; m < 4; ++m) EXPECT_EQ(after.per_minimum[m], before.per_minimum[3 - m]) << m;
}

TEST_F(GpuSwarmTest, StepsGoOutBackToBackAndOnlyThoseTakenCount) {
  // A swarm learns that all its members stopped from a count copied back later, never waiting:
  // steps issued meanwhile move no one and are not counted. On llvmpipe each count arrives at
  // once, so the steps a GPU would issue late are issued on purpose here
  // (step_as_if_counts_were_late): after every member stopped, and after a reset in mid-run,
  // for gd and for Adam (whose step number t enters each step). Stepped one step at a time (as
  // the Simulation does, asking any_running() between), all at once, or past the end: the same
  // members bit for bit as the CPU's, and the CPU's step count.
  const std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  const std::vector<glm::dvec2> starts = swarm_starts(SwarmLayout::grid, 400, cost->domain(), 1);
  std::unique_ptr<Optimizer> adam = make_optimizer("adam");
  ASSERT_TRUE(adam->set_parameter("lr", 0.1));
  for (const std::unique_ptr<Optimizer>& method : {make_optimizer("gd"), std::move(adam)}) {
    SCOPED_TRACE(method->name());
    constexpr std::size_t kLimit = 4000;
    std::size_t cpu_steps = 0;  // the steps after which some CPU ball still ran, plus one each
    std::vector<CpuBall> cpu(starts.size());
    for (std::size_t i = 0; i < starts.size(); ++i) {
      cpu[i].optimizer = method->clone();
      cpu[i].status = start_at(*cost, starts[i], cpu[i].point);
    }
    const auto running = [&] {
      return std::any_of(cpu.begin(), cpu.end(), [](const CpuBall& b) { return b.status == BallStatus::running; });
    };
    for (; running() && cpu_steps < kLimit; ++cpu_steps) {
      for (CpuBall& ball : cpu) {
        if (ball.status == BallStatus::running) ball.status = take_step(*cost, *ball.optimizer, ball.point, {}).status;
      }
    }
    ASSERT_LT(cpu_steps, kLimit) << "the test needs a swarm that stops";
    auto at_once = GpuSwarm::create(*cost, starts, *method, {});
    auto one_by_one = GpuSwarm::create(*cost, starts, *method, {});
    ASSERT_TRUE(at_once && one_by_one);
    GpuSwarm& swarm = **at_once;
    swarm.step(kLimit);
    for (std::size_t i = 0; i < kLimit && (*one_by_one)->any_running(); ++i) (*one_by_one)->step(1);
    EXPECT_FALSE(swarm.any_running());
    EXPECT_EQ(swarm.steps_taken(), cpu_steps);
    EXPECT_EQ((*one_by_one)->steps_taken(), cpu_steps);
    const auto expect_same = [](const std::vector<GpuSwarm::Member>& a, const std::vector<GpuSwarm::Member>& b) {
      ASSERT_EQ(a.size(), b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_TRUE(same_bits(a[i].point.position.x, b[i].point.position.x) &&
                    same_bits(a[i].point.position.y, b[i].point.position.y) && a[i].status == b[i].status)
            << "ball " << i;
      }
    };
    const std::vector<GpuSwarm::Member> settled = swarm.read_back();
    expect_same(settled, (*one_by_one)->read_back());
    for (std::size_t i = 0; i < starts.size(); ++i) {
      EXPECT_TRUE(same_bits(settled[i].point.position.x, cpu[i].point.position.x) &&
                  same_bits(settled[i].point.position.y, cpu[i].point.position.y))
          << "ball " << i;
    }
    // Steps a GPU issues before the count of none running arrives: nobody moves, none counts.
    swarm.step_as_if_counts_were_late(37);
    EXPECT_EQ(swarm.steps_taken(), cpu_steps);
    expect_same(swarm.read_back(), settled);
    // A reset in mid-run, then every step issued without a look at the counts: the run again.
    swarm.reset();
    swarm.step_as_if_counts_were_late(cpu_steps / 2);
    swarm.reset();
    EXPECT_EQ(swarm.steps_taken(), 0u);
    EXPECT_TRUE(swarm.any_running());
    swarm.step_as_if_counts_were_late(cpu_steps + 37);
    EXPECT_EQ(swarm.steps_taken(), cpu_steps);
    expect_same(swarm.read_back(), settled);
    EXPECT_FALSE(swarm.any_running());
  }
}

TEST_F(GpuSwarmTest, WhatTheGpuCannotStepIsRefusedInOneLine) {
  const std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  const std::vector<glm::dvec2> starts = {{0.0, 0.0}};
  const auto newton = GpuSwarm::create(*cost, starts, *make_optimizer("newton"), {});
  ASSERT_FALSE(newton);
  EXPECT_EQ(newton.error().rfind("optimizer newton: not on the GPU (its swarm steps there with gd, ", 0), 0u)
      << newton.error();
  const auto scheduled_adam = ScheduledOptimizer::make(make_optimizer("adam"), *parse_schedule("StepLR:step_size=10"));
  ASSERT_TRUE(scheduled_adam) << scheduled_adam.error();
  const auto scheduled = GpuSwarm::create(*cost, starts, **scheduled_adam, {});
  ASSERT_FALSE(scheduled);
  EXPECT_EQ(scheduled.error().rfind("optimizer adam with a schedule: not on the GPU (", 0), 0u) << scheduled.error();
  SimulationSettings noisy;
  noisy.noise.sigma = 0.1;
  const auto with_noise = GpuSwarm::create(*cost, starts, *make_optimizer("gd"), noisy);
  ASSERT_FALSE(with_noise);
  EXPECT_EQ(with_noise.error(), "gradient noise and minibatches are not on the GPU");
}

}  // namespace
}  // namespace losscape
