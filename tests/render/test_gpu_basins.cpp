// Basin maps on the GPU (llvmpipe's compute shaders in CI) against the CPU's double-precision
// map: the same minima, the same label on at least 99.9% of cells, and every cell that differs
// on a basin boundary (a neighbour's label differs from the cell's, in either map).
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/render/compute/compute_support.hpp"
#include "engine/render/compute/gpu_basins.hpp"
#include "engine/render/compute/swarm_rules.hpp"
#include "tests/render/compute_fixture.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace losscape {
namespace {

using GpuBasins = ComputeShaderTest;

bool on_boundary(const BasinMap& map, int i, int j) {
  const auto label = [&](int a, int b) { return map.label[static_cast<std::size_t>(b) * map.grid + a]; };
  for (int dj = -1; dj <= 1; ++dj) {
    for (int di = -1; di <= 1; ++di) {
      const int a = i + di, b = j + dj;
      if (a >= 0 && b >= 0 && a < map.grid && b < map.grid && label(a, b) != label(i, j)) return true;
    }
  }
  return false;
}

using Parameters = std::vector<std::pair<std::string, double>>;

// The GPU's map of `cost` by `method` against the CPU's; returns the CPU's map. `same_ends`: the
// share of starts that must end within 1e-9 of the domain's size of the CPU's end.
BasinMap expect_agreement(const CostFunction& cost, const std::string& method, double lr, int grid,
                          double same_ends = 0.99, const Parameters& parameters = {}) {
  auto optimizer = make_optimizer(method);
  EXPECT_TRUE(optimizer) << method;
  EXPECT_TRUE(optimizer->set_parameter("lr", lr).ok());
  for (const auto& [key, value] : parameters) EXPECT_EQ(optimizer->set_parameter(key, value).error(), "") << key;
  BasinSettings settings;
  settings.grid = grid;
  settings.max_steps = 1000;
  BasinMap cpu;
  EXPECT_TRUE(compute_basins(cost, *optimizer, settings, cpu));
  auto gpu = compute_basins_on_gpu(cost, *optimizer, settings);
  EXPECT_TRUE(gpu) << gpu.error();
  if (!gpu) return cpu;
  EXPECT_EQ(gpu->minima.size(), cpu.minima.size());
  for (std::size_t m = 0; m < std::min(gpu->minima.size(), cpu.minima.size()); ++m) {
    EXPECT_LT(glm::length(gpu->minima[m].position - cpu.minima[m].position), 1e-3) << method << " minimum " << m;
  }
  std::size_t agree = 0, off_boundary = 0, same_steps = 0, same_end = 0;
  const double size = std::max(cpu.domain.width(), cpu.domain.height());
  for (int j = 0; j < grid; ++j) {
    for (int i = 0; i < grid; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * grid + i;
      same_steps += gpu->steps[k] == cpu.steps[k] ? 1u : 0u;
      same_end += glm::length(gpu->end[k] - cpu.end[k]) <= 1e-9 * size ? 1u : 0u;
      if (gpu->label[k] == cpu.label[k]) {
        ++agree;
      } else if (!on_boundary(cpu, i, j) && !on_boundary(*gpu, i, j)) {
        if (++off_boundary <= 3) {
          ADD_FAILURE() << cost.formula() << ", " << method << ": cell (" << i << ", " << j << ") is " << gpu->label[k]
                        << " on the GPU, " << cpu.label[k] << " on the CPU, off any boundary";
        }
      }
    }
  }
  const double share = static_cast<double>(agree) / static_cast<double>(cpu.label.size());
  EXPECT_GE(share, 0.999) << cost.formula() << ", " << method;
  EXPECT_EQ(off_boundary, 0u);
  // The steps each start took: a method's rule got wrong still finds the nearest minimum, but
  // not in the same number of steps.
  const double steps_share = static_cast<double>(same_steps) / static_cast<double>(cpu.label.size());
  EXPECT_GE(steps_share, 0.99) << cost.formula() << ", " << method;
  // And where each ended (a map where no start converges, as AdamW's decay keeps the gradient
  // from vanishing, agrees on its labels whatever the rule).
  EXPECT_GE(static_cast<double>(same_end) / static_cast<double>(cpu.label.size()), same_ends)
      << cost.formula() << ", " << method;
  std::printf("%s, %s, %dx%d: %.4f%% of cells agree, %.4f%% took as many steps (GPU %.2f s, CPU %.2f s)\n",
              cost.name().c_str(), method.c_str(), grid, grid, 100.0 * share, 100.0 * steps_share, gpu->seconds,
              cpu.seconds);
  return cpu;
}

TEST_F(GpuBasins, HimmelblauByGradientDescentAgreesWithTheCpu) {
  const auto cost = make_builtin_function("himmelblau");
  expect_agreement(*cost, "gd", 0.01, 256);
}

TEST_F(GpuBasins, HimmelblauByMomentumAndNesterovAgreeWithTheCpu) {
  const auto cost = make_builtin_function("himmelblau");
  expect_agreement(*cost, "momentum", 0.005, 64);
  expect_agreement(*cost, "nesterov", 0.005, 64);
}

TEST_F(GpuBasins, HimmelblauByAdamAndAdamwAgreeWithTheCpu) {
  const auto cost = make_builtin_function("himmelblau");
  expect_agreement(*cost, "adam", 0.05, 96);
  const BasinMap adamw = expect_agreement(*cost, "adamw", 0.05, 64);
  EXPECT_EQ(adamw.count(outcome_of(BallStatus::running)), adamw.label.size()) << "AdamW's decay: none converges";
}

// Starts that diverge, leave the domain or run out of steps: every outcome, not only minima.
TEST_F(GpuBasins, AMomentumMapWithEveryOutcomeAgreesWithTheCpu) {
  const auto cost = make_builtin_function("himmelblau");
  // Chaotic at this rate: over 1000 steps rounding's differences grow, and 1.1% of the starts
  // that never settle end more than 1e-9 of the domain apart (each still with the same label).
  const BasinMap map = expect_agreement(*cost, "momentum", 0.03, 128, 0.98);
  std::size_t others = 0;
  for (auto status : {BallStatus::diverged, BallStatus::left_domain, BallStatus::running}) {
    others += map.count(outcome_of(status));
  }
  EXPECT_GT(others, 100u) << "every start reached a minimum: the test would not see the other outcomes";
}

TEST_F(GpuBasins, ATypedFormulaAgreesWithTheCpu) {
  auto cost = make_formula_function("sin(x)*cos(y) + (x^2 + y^2)/20 + a*x where a = 0.1", nullptr);
  ASSERT_TRUE(cost) << cost.error();
  expect_agreement(**cost, "gd", 0.05, 96);
}

// The methods the GPU's basin maps gained with the swarm's rules (swarm_rules.cpp), then the
// options of each rule that the maps above leave at their defaults.
TEST_F(GpuBasins, AdagradRmspropAndEachRulesOptionsAgreeWithTheCpu) {
  const auto cost = make_builtin_function("himmelblau");
  expect_agreement(*cost, "adagrad", 0.5, 64);
  expect_agreement(*cost, "rmsprop", 0.01, 64);
  expect_agreement(*cost, "adagrad", 0.5, 48, 0.99, {{"lr_decay", 0.01}, {"initial_accumulator_value", 0.3}});
  expect_agreement(*cost, "rmsprop", 0.01, 48, 0.99, {{"centered", 1.0}, {"momentum", 0.5}, {"weight_decay", 0.01}});
  expect_agreement(*cost, "adam", 0.05, 48, 0.99, {{"amsgrad", 1.0}});
  expect_agreement(*cost, "momentum", 0.005, 48, 0.99, {{"dampening", 0.3}, {"weight_decay", 0.05}});
  expect_agreement(*cost, "gd", 0.01, 48, 0.99, {{"maximize", 1.0}});
}

// The GPU's map against the CPU's, start by start: the same end bit for bit, after as many
// steps, with the same outcome.
void expect_the_cpus_bits(const CostFunction& cost, const std::string& method, const BasinSettings& settings,
                          std::size_t tile_cells = kGpuBasinTileCells) {
  auto optimizer = make_optimizer(method);
  ASSERT_TRUE(optimizer) << method;
  BasinMap cpu;
  ASSERT_TRUE(compute_basins(cost, *optimizer, settings, cpu));
  auto gpu = compute_basins_on_gpu(cost, *optimizer, settings, tile_cells);
  ASSERT_TRUE(gpu) << gpu.error();
  std::size_t differ = 0;
  const bool exact = exact_gpu_doubles();
  const double size = std::max(cpu.domain.width(), cpu.domain.height());
  for (std::size_t k = 0; k < cpu.label.size(); ++k) {
    const bool same_end = exact ? same_bits(gpu->end[k].x, cpu.end[k].x) && same_bits(gpu->end[k].y, cpu.end[k].y)
                                : glm::length(gpu->end[k] - cpu.end[k]) <= kHardwareTolerance * size;
    const bool same =
        same_end && gpu->steps[k] == cpu.steps[k] && gpu->status[k] == cpu.status[k] && gpu->label[k] == cpu.label[k];
    if (!same && differ++ < 3 && exact) {
      ADD_FAILURE() << method << ", start " << k << ": CPU (" << cpu.end[k].x << ", " << cpu.end[k].y << ") after "
                    << cpu.steps[k] << " steps, GPU (" << gpu->end[k].x << ", " << gpu->end[k].y << ") after "
                    << gpu->steps[k];
    }
  }
  EXPECT_LE(differ, allowed_gpu_mismatches(cpu.label.size())) << method;
  if (!exact)
    std::printf("%s: %zu of %zu starts differ (hardware GPU: not bit for bit)\n", method.c_str(), differ,
                cpu.label.size());
}

// The step is the swarm's, which gives the CPU's bits (an exact fma where the driver's rounds
// twice, as llvmpipe's does): on Himmelblau, whose GLSL computes as the C++ does, every start of
// every method's map ends where the CPU's ends, bit for bit, after as many steps.
TEST_F(GpuBasins, EveryMethodsMapEndsAsTheCpusBitForBit) {
  const auto cost = make_builtin_function("himmelblau");
  BasinSettings settings;
  settings.grid = 24;
  settings.max_steps = 300;
  for (const std::string& method : gpu_swarm_methods()) expect_the_cpus_bits(*cost, method, settings);
}

// A map larger than one range of rows (2^20 starts) runs range by range: here ranges of 7 rows
// of 40, the last one shorter.
TEST_F(GpuBasins, AMapRunInSeveralRangesOfRowsIsTheCpusMap) {
  const auto cost = make_builtin_function("himmelblau");
  BasinSettings settings;
  settings.grid = 40;
  settings.max_steps = 200;
  expect_the_cpus_bits(*cost, "adam", settings, 300);
}

TEST_F(GpuBasins, AMethodTheGpuDoesNotStepIsRefusedInOneLine) {
  const auto cost = make_builtin_function("himmelblau");
  auto newton = make_optimizer("newton");
  ASSERT_TRUE(newton);
  const auto map = compute_basins_on_gpu(*cost, *newton, BasinSettings{});
  ASSERT_FALSE(map);
  EXPECT_EQ(map.error(),
            "the GPU's basin maps step " + gpu_swarm_method_list() + " only (as set, with no schedule), not newton");
  EXPECT_EQ(gpu_basins_can_step(*newton).error(), map.error());
  EXPECT_EQ(gpu_basins_can_step(*make_optimizer("rmsprop")).error(), "");
}

}  // namespace
}  // namespace losscape
