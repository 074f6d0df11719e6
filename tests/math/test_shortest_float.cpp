// Scene files write floats as their shortest text. The browser build has no floating-point
// std::to_chars and searches for that text instead: both must give the same value for every float,
// or a scene saved in the page would differ from the same scene saved on the desktop.
#include "engine/scene/files/shortest_float.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

namespace losscape {
namespace {

double via_to_chars(float value) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  return std::strtod(std::string(text, end).c_str(), nullptr);
}

void expect_same(float value) {
  const double searched = shortest_float_searched(value), reference = via_to_chars(value);
  ASSERT_EQ(std::memcmp(&searched, &reference, sizeof searched), 0)
      << "float " << value << ": searched " << searched << ", to_chars " << reference;
}

TEST(ShortestFloat, TypicalSceneValuesAreShortAndExact) {
  EXPECT_EQ(shortest_float_searched(36.0f), 36.0);
  EXPECT_EQ(shortest_float_searched(0.1f), 0.1);
  EXPECT_EQ(shortest_float_searched(-2.5e-4f), -2.5e-4);
  EXPECT_EQ(shortest_float_searched(0.0f), 0.0);
  for (float v : {36.0f, 0.1f, 1.0f / 3.0f, 1e-30f, 3e38f, -7.25f}) expect_same(v);
}

// Next to powers of two the interval that reads back is lopsided: there the correctly rounded text
// can miss the float while a neighbour in the last digit hits it.
TEST(ShortestFloat, PowersOfTwoAndTheirNeighbours) {
  for (int e = -149; e <= 127; ++e) {
    const float p = std::ldexp(1.0f, e);
    for (float v : {p, std::nextafter(p, 0.0f), std::nextafter(p, std::numeric_limits<float>::infinity())}) {
      expect_same(v);
      expect_same(-v);
    }
  }
}

TEST(ShortestFloat, RandomFloatsOfEveryMagnitude) {
  std::mt19937 random(15);
  for (int i = 0; i < 200000; ++i) {
    const std::uint32_t bits = static_cast<std::uint32_t>(random());
    float v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    expect_same(v);
  }
}

TEST(ShortestFloat, SubnormalsAndExtremes) {
  for (float v : {std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::min(),
                  std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()}) {
    expect_same(v);
  }
  EXPECT_TRUE(std::isinf(shortest_float_searched(std::numeric_limits<float>::infinity())));
}

}  // namespace
}  // namespace losscape
