// lane_math's sin, cos and exp against libm's, over the whole range of doubles: within 1 ulp
// everywhere (libm itself is correctly rounded or nearly so), the special values as libm has them.
#include "engine/core/lane_math.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

using namespace losscape;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// How many doubles apart a and b are (0 when equal; +0 and -0 are 0 apart).
std::uint64_t ulps_apart(double a, double b) {
  if (a == b) return 0;
  // Map the doubles to integers in the order of their values.
  const auto ordered = [](double v) {
    const auto bits = std::bit_cast<std::int64_t>(v);
    return bits < 0 ? std::numeric_limits<std::int64_t>::min() - bits : bits;
  };
  const std::int64_t ia = ordered(a), ib = ordered(b);
  return ia > ib ? static_cast<std::uint64_t>(ia) - static_cast<std::uint64_t>(ib)
                 : static_cast<std::uint64_t>(ib) - static_cast<std::uint64_t>(ia);
}

// Arguments from 1e-300 to 1e300 in magnitude, both signs, evenly spread over the exponents,
// plus near multiples of pi/2 (where the reduction cancels most digits) up to 2^20 and beyond.
std::vector<double> wide_arguments() {
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> mantissa(1.0, 10.0);
  std::vector<double> xs;
  for (int decade = -300; decade < 300; ++decade) {
    for (int i = 0; i < 200; ++i) {
      const double x = mantissa(rng) * std::pow(10.0, decade);
      xs.push_back(i % 2 ? -x : x);
    }
  }
  std::uniform_real_distribution<double> small(-1000.0, 1000.0);  // what the built-ins see
  for (int i = 0; i < 200000; ++i) xs.push_back(small(rng));
  for (double k = 1; k < 0x1p22; k = std::floor(k * 1.37) + 1) {
    const double near_multiple = k * (std::numbers::pi / 2);
    for (double x = std::nextafter(near_multiple, 0.0), n = 0; n < 3; ++n, x = std::nextafter(x, kInf)) {
      xs.push_back(x);
      xs.push_back(-x);
    }
  }
  return xs;
}

}  // namespace

TEST(LaneMath, SineAndCosineAreWithinOneUlpOfLibmFromTinyToHugeArguments) {
  std::uint64_t worst_sin = 0, worst_cos = 0;
  for (const double x : wide_arguments()) {
    const std::uint64_t sin_error = ulps_apart(lane_math::sin(x), std::sin(x));
    const std::uint64_t cos_error = ulps_apart(lane_math::cos(x), std::cos(x));
    ASSERT_LE(sin_error, 1u) << "sin(" << x << ")";
    ASSERT_LE(cos_error, 1u) << "cos(" << x << ")";
    worst_sin = std::max(worst_sin, sin_error);
    worst_cos = std::max(worst_cos, cos_error);
  }
  EXPECT_EQ(worst_sin, 1u) << "the test would not notice a larger error";
  EXPECT_EQ(worst_cos, 1u);
}

TEST(LaneMath, TheNearVersionsAreTheSameFunctionsWithinTheirRange) {
  for (const double x : wide_arguments()) {
    if (std::abs(x) > lane_math::kNearRange) continue;
    EXPECT_EQ(std::bit_cast<std::uint64_t>(lane_math::sin_near(x)), std::bit_cast<std::uint64_t>(lane_math::sin(x)));
    EXPECT_EQ(std::bit_cast<std::uint64_t>(lane_math::cos_near(x)), std::bit_cast<std::uint64_t>(lane_math::cos(x)));
  }
}

TEST(LaneMath, SineAndCosineOfSpecialValues) {
  EXPECT_EQ(lane_math::sin(0.0), 0.0);
  EXPECT_EQ(lane_math::cos(0.0), 1.0);
  EXPECT_EQ(lane_math::cos(-0.0), 1.0);
  EXPECT_EQ(lane_math::sin(1e-310), 1e-310);  // subnormal: sin x = x
  EXPECT_EQ(lane_math::sin(std::numbers::pi / 2), 1.0);
  EXPECT_EQ(lane_math::cos(std::numbers::pi), -1.0);
  for (const double x : {kInf, -kInf, kNaN}) {
    EXPECT_TRUE(std::isnan(lane_math::sin(x))) << x;
    EXPECT_TRUE(std::isnan(lane_math::cos(x))) << x;
  }
}

TEST(LaneMath, ExpIsWithinOneUlpOfLibmOverItsWholeRange) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> normal_results(-708.0, 709.7);
  std::uniform_real_distribution<double> tiny(-1e-6, 1e-6);
  std::uint64_t worst = 0;
  for (int i = 0; i < 1000000; ++i) {
    const double x = i % 10 ? normal_results(rng) : tiny(rng);
    const std::uint64_t error = ulps_apart(lane_math::exp(x), std::exp(x));
    ASSERT_LE(error, 1u) << "exp(" << x << ")";
    worst = std::max(worst, error);
  }
  EXPECT_EQ(worst, 1u) << "the test would not notice a larger error";
  // Subnormal results: within 1 ulp too (a subnormal's ulp is the smallest double).
  std::uniform_real_distribution<double> subnormal_results(-745.0, -708.5);
  for (int i = 0; i < 100000; ++i) {
    const double x = subnormal_results(rng);
    ASSERT_LE(ulps_apart(lane_math::exp(x), std::exp(x)), 1u) << "exp(" << x << ")";
  }
}

TEST(LaneMath, ExpOfSpecialValuesAndAtTheEdgesOfItsRange) {
  EXPECT_EQ(lane_math::exp(0.0), 1.0);
  EXPECT_EQ(lane_math::exp(-0.0), 1.0);
  EXPECT_LE(ulps_apart(lane_math::exp(1.0), std::numbers::e), 1u);
  EXPECT_EQ(lane_math::exp(kInf), kInf);
  EXPECT_EQ(lane_math::exp(-kInf), 0.0);
  EXPECT_TRUE(std::isnan(lane_math::exp(kNaN)));
  EXPECT_EQ(lane_math::exp(709.78), std::exp(709.78));  // the largest results
  EXPECT_EQ(lane_math::exp(709.79), kInf);              // overflow
  EXPECT_EQ(lane_math::exp(1e300), kInf);
  EXPECT_EQ(lane_math::exp(-745.1), std::exp(-745.1));  // the smallest subnormal
  EXPECT_EQ(lane_math::exp(-745.2), 0.0);               // underflow
  EXPECT_EQ(lane_math::exp(-1e300), 0.0);
}
