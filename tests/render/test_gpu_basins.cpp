// Basin maps on the GPU (llvmpipe's compute shaders in CI) against the CPU's double-precision
// map: the same minima, the same label on at least 99.9% of cells, and every cell that differs
// on a basin boundary (a neighbour's label differs from the cell's, in either map).
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/render/compute/compute_support.hpp"
#include "engine/render/compute/gpu_basins.hpp"
#include "tests/render/compute_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

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

// The GPU's map of `cost` by `method` against the CPU's; returns the CPU's map.
BasinMap expect_agreement(const CostFunction& cost, const std::string& method, double lr, int grid) {
  auto optimizer = make_optimizer(method);
  EXPECT_TRUE(optimizer) << method;
  EXPECT_TRUE(optimizer->set_parameter("lr", lr).ok());
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
  std::size_t agree = 0, off_boundary = 0;
  for (int j = 0; j < grid; ++j) {
    for (int i = 0; i < grid; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * grid + i;
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
  std::printf("%s, %s, %dx%d: %.4f%% of cells agree (GPU %.2f s, CPU %.2f s)\n", cost.name().c_str(), method.c_str(),
              grid, grid, 100.0 * share, gpu->seconds, cpu.seconds);
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

// Starts that diverge, leave the domain or run out of steps: every outcome, not only minima.
TEST_F(GpuBasins, AMomentumMapWithEveryOutcomeAgreesWithTheCpu) {
  const auto cost = make_builtin_function("himmelblau");
  const BasinMap map = expect_agreement(*cost, "momentum", 0.03, 128);
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

TEST_F(GpuBasins, AMethodTheGpuDoesNotStepIsRefusedInOneLine) {
  const auto cost = make_builtin_function("himmelblau");
  auto adam = make_optimizer("adam");
  ASSERT_TRUE(adam);
  const auto map = compute_basins_on_gpu(*cost, *adam, BasinSettings{});
  ASSERT_FALSE(map);
  EXPECT_EQ(map.error(), "the GPU's basin maps step gd, momentum, nesterov only (as set, with no schedule), not adam");
}

}  // namespace
}  // namespace losscape
