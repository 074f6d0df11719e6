// Where the terrain's contour and wireframe lines fall, and what colour a slope gets: plain
// numbers (no GL), checked against the definitions the shaders rely on.
#include "engine/core/builtin_functions.hpp"
#include "engine/render/terrain/terrain_lines.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace losscape;

namespace {

TerrainMapping mapping_of(const char* function, std::optional<HeightTransform> height = std::nullopt) {
  return TerrainMapping(*make_builtin_function(function), 256, height);
}

// Every level lies strictly inside the drawn range, and there are about 16 of them.
void expect_levels_inside(const ContourLevels& levels) {
  EXPECT_GE(levels.count, 11);
  EXPECT_LE(levels.count, 23);
  EXPECT_GT(levels.first, 0.0);
  EXPECT_LE(levels.first, levels.spacing + 1e-9);
  EXPECT_LT(levels.first + (levels.count - 1) * levels.spacing, 1.0);
  EXPECT_GE(levels.first + levels.count * levels.spacing, 1.0 - 1e-9);
}

// A linear height: levels at multiples of a round step of f (1, 2, 2.5 or 5 times 10^k).
void expect_round_levels_of_f(const TerrainMapping& mapping) {
  const ContourLevels levels = contour_levels(mapping);
  expect_levels_inside(levels);
  const double range = mapping.transformed_max() - mapping.transformed_min();
  const double step = levels.spacing * range;
  const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
  EXPECT_TRUE(std::abs(mantissa - 1.0) < 1e-9 || std::abs(mantissa - 2.0) < 1e-9 || std::abs(mantissa - 2.5) < 1e-9 ||
              std::abs(mantissa - 5.0) < 1e-9)
      << "step " << step;
  const double first_f = mapping.transformed_min() + levels.first * range;
  EXPECT_NEAR(first_f / step, std::round(first_f / step), 1e-6) << "first level at f = " << first_f;
}

}  // namespace

TEST(TerrainLines, LinearHeightsGetLevelsAtRoundValuesOfF) {
  expect_round_levels_of_f(mapping_of("himmelblau"));
  expect_round_levels_of_f(mapping_of("bowl"));
  expect_round_levels_of_f(mapping_of("styblinski_tang"));  // negative f: levels below zero too
}

TEST(TerrainLines, LogHeightsGetLevelsEvenlySpacedInLogF) {
  const TerrainMapping mapping = mapping_of("rosenbrock");
  ASSERT_EQ(mapping.transform(), HeightTransform::log1p);
  const ContourLevels levels = contour_levels(mapping);
  expect_levels_inside(levels);
  // Level k at 1 + f - f_min = 10^((k + 1) / m): m levels a decade, m a whole number.
  const double range = mapping.transformed_max() - mapping.transformed_min();
  const double per_decade = std::log(10.0) / (levels.spacing * range);
  EXPECT_NEAR(per_decade, std::round(per_decade), 1e-9);
  for (int k = 0; k < levels.count; ++k) {
    const double t = mapping.transformed_min() + (levels.first + k * levels.spacing) * range;
    EXPECT_NEAR(std::log10(std::exp(t)), (k + 1) / per_decade, 1e-9) << "level " << k;
  }
}

TEST(TerrainLines, TheHeightOverrideDecidesTheTransformAndSoTheLevels) {
  EXPECT_EQ(mapping_of("rosenbrock", HeightTransform::linear).transform(), HeightTransform::linear);
  EXPECT_EQ(mapping_of("himmelblau", HeightTransform::log1p).transform(), HeightTransform::log1p);
  EXPECT_EQ(mapping_of("himmelblau").transform(), HeightTransform::linear);
  expect_round_levels_of_f(mapping_of("rosenbrock", HeightTransform::linear));
  // Log levels crowd where f is small: the lowest level of the log drawing is far below the
  // linear one's.
  const TerrainMapping log = mapping_of("himmelblau", HeightTransform::log1p);
  const TerrainMapping linear = mapping_of("himmelblau");
  const double log_first_f = std::expm1(contour_levels(log).first * (log.transformed_max() - log.transformed_min()));
  const double linear_first_f = contour_levels(linear).first * (linear.transformed_max() - linear.transformed_min());
  EXPECT_LT(log_first_f, linear_first_f / 10.0);
}

TEST(TerrainLines, WireframeLinesRunAlongEveryFourthEdgeOfTheMesh) {
  const TerrainMapping mapping = mapping_of("himmelblau");
  const int n = 256;
  const WireframeGrid grid = wireframe_grid(mapping, n);
  EXPECT_EQ(grid.stride, 4);
  const Domain& d = mapping.domain();
  for (int i : {0, 4, 8, 128, 252, 2, 6, 130}) {
    // Vertex i of the mesh, as build_terrain places it.
    const double x = d.x_min + d.width() * i / (n - 1), y = d.y_min + d.height() * i / (n - 1);
    const glm::vec3 w = mapping.world({x, y}, 0.0);
    const glm::vec2 coordinate = (glm::vec2(w.x, w.z) - grid.origin) * grid.scale;
    const float want = static_cast<float>(i) / static_cast<float>(grid.stride);  // .5 between lines
    EXPECT_NEAR(std::abs(coordinate.x), want, 1e-3f) << "vertex " << i;
    EXPECT_NEAR(std::abs(coordinate.y), want, 1e-3f) << "vertex " << i;
  }
  EXPECT_EQ(wireframe_grid(mapping, 64).stride, 1);  // a coarse mesh shows every edge
}

TEST(TerrainLines, SlopeColourRunsFromFlatToTheSteepestPointAndSaturatesGently) {
  for (const char* function : {"himmelblau", "saddle", "rosenbrock"}) {
    const TerrainMapping mapping = mapping_of(function);
    const auto cost_owner = make_builtin_function(function);
    const CostFunction& cost = *cost_owner;
    const double typical = mapping.typical_slope();
    EXPECT_FLOAT_EQ(mapping.normalized_slope({0.0, 0.0}), 0.0f) << function;
    EXPECT_GE(mapping.normalized_slope({0.0, typical}), 0.5f) << function;
    EXPECT_LE(mapping.normalized_slope({0.0, typical}), 0.8f) << function;
    EXPECT_FLOAT_EQ(mapping.normalized_slope({0.6 * typical, 0.8 * typical}), mapping.normalized_slope({typical, 0.0}))
        << function << ": by |grad f|";
    float previous = 0.0f;
    for (double k : {0.1, 0.5, 1.0, 1.5}) {
      const float s = mapping.normalized_slope({k * typical, 0.0});
      EXPECT_GT(s, previous) << function;
      previous = s;
    }
    // The steepest corner of the domain is (close to) 1, and nothing goes past it.
    const Domain& d = cost.domain();
    float steepest = 0.0f;
    for (glm::dvec2 corner : {glm::dvec2(d.x_min, d.y_min), glm::dvec2(d.x_max, d.y_min), glm::dvec2(d.x_min, d.y_max),
                              glm::dvec2(d.x_max, d.y_max)}) {
      steepest = std::max(steepest, mapping.normalized_slope(cost.gradient(corner)));
    }
    EXPECT_GT(steepest, 0.97f) << function;
    EXPECT_LE(mapping.normalized_slope({1e9 * typical, 0.0}), 1.0f) << function;
  }
}
