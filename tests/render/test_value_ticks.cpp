// The values written on the colour bar and the axes: nice numbers, placed where the terrain's
// mapping puts them (a log height scale and the slope's squashed scale included), never closer
// than asked. No GL needed.
#include "engine/core/builtin_functions.hpp"
#include "engine/render/terrain/terrain_mapping.hpp"
#include "engine/render/value_ticks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace losscape;

namespace {

// 1, 2 or 5 times a power of ten (or zero).
bool one_two_five(double v) {
  if (v == 0.0) return true;
  const double mantissa = std::abs(v) / std::pow(10.0, std::floor(std::log10(std::abs(v)) + 1e-9));
  return std::abs(mantissa - 1.0) < 1e-9 || std::abs(mantissa - 2.0) < 1e-9 || std::abs(mantissa - 5.0) < 1e-9;
}

void expect_spaced(const std::vector<Tick>& ticks, double gap) {
  for (std::size_t i = 1; i < ticks.size(); ++i) {
    EXPECT_GT(ticks[i].value, ticks[i - 1].value);
    EXPECT_GE(ticks[i].position - ticks[i - 1].position, gap * 0.999) << ticks[i].value;
  }
}

}  // namespace

TEST(ValueTicks, NiceNumbersAndMultiples) {
  EXPECT_DOUBLE_EQ(nice_number(0.7), 1.0);
  EXPECT_DOUBLE_EQ(nice_number(1.0), 1.0);
  EXPECT_DOUBLE_EQ(nice_number(1.3), 2.0);
  EXPECT_DOUBLE_EQ(nice_number(3.0), 5.0);
  EXPECT_DOUBLE_EQ(nice_number(0.031), 0.05);
  EXPECT_DOUBLE_EQ(nice_step(10.0, 10.0), 1.0);
  EXPECT_EQ(multiples_in(-1.0, 1.0, 0.5), (std::vector<double>{-1.0, -0.5, 0.0, 0.5, 1.0}));
  const std::vector<double> tenths = multiples_in(-0.3, 0.3, 0.1);
  ASSERT_EQ(tenths.size(), 7u);
  EXPECT_EQ(tenths[3], 0.0) << "zero, not 5.5e-17";
}

TEST(ValueTicks, ALinearScaleGetsEvenMultiplesOfANiceStep) {
  const ValueScale scale{0.0003, 890.0, true, [](double f) { return (f - 0.0003) / (890.0 - 0.0003); }};
  const std::vector<Tick> ticks = nice_ticks(scale, 0.1);
  ASSERT_EQ(ticks.size(), 9u) << "0, 100, ..., 800";
  EXPECT_EQ(ticks.front().value, 0.0) << "a value a hair below the scale's end is its end";
  EXPECT_EQ(ticks.front().position, 0.0f);
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    EXPECT_DOUBLE_EQ(ticks[i].value, 100.0 * static_cast<double>(i));
    EXPECT_NEAR(ticks[i].position, scale.position(ticks[i].value), 1e-6);
  }
  expect_spaced(ticks, 0.1);
  EXPECT_EQ(nice_ticks(scale, 0.2).size(), 5u) << "0, 200, ..., 800: steps of 100 would be closer than 0.2";
}

TEST(ValueTicks, ALogScaleGetsOneTwoFiveValuesAtTheirLogPlaces) {
  // log(1 + f - f_min), as Rosenbrock is drawn: f from 0 to 2500.
  const ValueScale scale{0.0, 2500.0, false, [](double f) { return std::log1p(f) / std::log1p(2500.0); }};
  const double gap = 0.07;
  const std::vector<Tick> ticks = nice_ticks(scale, gap);
  ASSERT_GE(ticks.size(), 7u);
  EXPECT_EQ(ticks.front().value, 0.0);
  for (const Tick& tick : ticks) {
    EXPECT_TRUE(one_two_five(tick.value)) << tick.value;
    EXPECT_NEAR(tick.position, scale.position(tick.value), 1e-6) << tick.value;
  }
  expect_spaced(ticks, gap);
  // Decades apart, not evenly spaced in f: 1, 10, 100 and 1000 all make it.
  for (double decade : {1.0, 10.0, 100.0, 1000.0}) {
    EXPECT_TRUE(std::any_of(ticks.begin(), ticks.end(), [&](const Tick& t) { return t.value == decade; })) << decade;
  }
}

TEST(ValueTicks, AScaleFarFromZeroStillGetsRoundValues) {
  const ValueScale scale{100.0, 105.0, false, [](double f) { return std::sqrt((f - 100.0) / 5.0); }};
  const std::vector<Tick> ticks = nice_ticks(scale, 0.2);
  ASSERT_GE(ticks.size(), 3u);
  for (const Tick& tick : ticks)
    EXPECT_EQ(tick.value, std::round(tick.value * 2.0) / 2.0) << "whole or half: " << tick.value;
  expect_spaced(ticks, 0.2);
}

TEST(ValueTicks, LabelsAreShortAndExact) {
  EXPECT_EQ(tick_label(0.0), "0");
  EXPECT_EQ(tick_label(-0.5), "-0.5");
  EXPECT_EQ(tick_label(2500.0), "2500");
  EXPECT_EQ(tick_label(0.1 + 0.2), "0.3");
  EXPECT_EQ(tick_label(2e6), "2e6");
  EXPECT_EQ(tick_label(-5e-5), "-5e-5");
}

TEST(ValueTicks, TheMappingsScalesPutValuesWhereTheTerrainDoes) {
  // Rosenbrock is drawn on the log scale: a tick's place is the normalised height of its f.
  const auto rosenbrock = make_builtin_function("rosenbrock");
  const TerrainMapping log_mapping(*rosenbrock, 64);
  ASSERT_EQ(log_mapping.transform(), HeightTransform::log1p);
  const ValueScale heights = log_mapping.value_scale(ColourBy::height);
  EXPECT_FALSE(heights.linear);
  EXPECT_DOUBLE_EQ(heights.lo, log_mapping.sampled_f_min());
  EXPECT_DOUBLE_EQ(heights.hi, log_mapping.sampled_f_max());
  for (const Tick& tick : nice_ticks(heights, 0.08)) {
    EXPECT_NEAR(tick.position, std::clamp(log_mapping.normalized_height(tick.value), 0.0f, 1.0f), 1e-5) << tick.value;
  }
  EXPECT_NEAR(heights.position(10.0),
              std::log1p(10.0 - log_mapping.sampled_f_min()) / std::log1p(heights.hi - heights.lo), 1e-9);
  // The same function drawn linearly: f = 1250 is half way up.
  const TerrainMapping linear_mapping(*rosenbrock, 64, HeightTransform::linear);
  const ValueScale linear = linear_mapping.value_scale(ColourBy::height);
  EXPECT_TRUE(linear.linear);
  EXPECT_NEAR(linear.position(0.5 * (linear.lo + linear.hi)), 0.5, 1e-12);

  // Colour by slope: a tick's place is the normalised slope of a gradient that long, and the
  // scale ends where the colour does (the steepest sample).
  const ValueScale slopes = log_mapping.value_scale(ColourBy::slope);
  EXPECT_FALSE(slopes.linear);
  EXPECT_EQ(slopes.lo, 0.0);
  EXPECT_NEAR(slopes.position(slopes.hi), 1.0, 1e-6);
  EXPECT_LT(slopes.position(0.5 * slopes.hi), 0.999);
  for (const Tick& tick : nice_ticks(slopes, 0.1)) {
    EXPECT_NEAR(tick.position, log_mapping.normalized_slope(glm::dvec2(tick.value, 0.0)), 1e-6) << tick.value;
  }
}
