// exact_fma.hpp, the browser build's fma (torch_ops.hpp), against std::fma bit for bit: random
// factors and addends over the exponents a swarm meets and far beyond, the cases around zero,
// infinities, NaN and the range's ends, and sums that cancel or round to a tie.
#include "engine/core/optimizers/exact_fma.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace losscape {
namespace {

bool same_bits(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Counts the inputs whose exact_fma::fma differs from std::fma, reporting the first few.
std::size_t mismatches(const std::vector<double>& a, const std::vector<double>& b, const std::vector<double>& c) {
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double want = std::fma(a[i], b[i], c[i]), got = exact_fma::fma(a[i], b[i], c[i]);
    if (!same_bits(want, got) && wrong++ < 5) {
      ADD_FAILURE() << std::hexfloat << "fma(" << a[i] << ", " << b[i] << ", " << c[i] << "): " << got << ", std::fma "
                    << want;
    }
  }
  return wrong;
}

TEST(ExactFma, RandomInputsRoundAsStdFmaAndMostTakeTheEmulation) {
  std::mt19937_64 rng(19);
  std::uniform_real_distribution<double> mantissa(-2.0, 2.0);
  std::uniform_int_distribution<int> exponent(-60, 60), wide(-1100, 1000);
  std::vector<double> a, b, c;
  std::size_t emulated = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    // Mostly a swarm's numbers (a step's size against a position's), a tenth from the whole range.
    const bool far = i % 10 == 0;
    a.push_back(std::ldexp(mantissa(rng), far ? wide(rng) : exponent(rng)));
    b.push_back(std::ldexp(mantissa(rng), far ? wide(rng) : exponent(rng)));
    c.push_back(std::ldexp(mantissa(rng), far ? wide(rng) : exponent(rng)));
    // Every fifth addend nearly cancels the product: the error terms decide the rounding.
    if (i % 5 == 1) c.back() = -(a.back() * b.back()) * (1.0 + std::ldexp(mantissa(rng), -50));
    emulated += exact_fma::emulation_exact_for(a.back(), b.back(), c.back());
  }
  EXPECT_EQ(mismatches(a, b, c), 0u);
  EXPECT_GT(emulated, a.size() * 8 / 10);  // the emulation itself is what was checked, mostly
}

TEST(ExactFma, ZerosInfinitiesNanAndTheRangesEndsRoundAsStdFma) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const double tiny = std::numeric_limits<double>::denorm_min(), least = std::numeric_limits<double>::min();
  const double most = std::numeric_limits<double>::max();
  const std::vector<double> values = {
      0.0,           -0.0,      1.0,      -1.0,        3.0,          0.1,    inf,      -inf,
      nan,           tiny,      -tiny,    least,       most,         -most,  0x1p-400, 0x1p400,
      0x1.8p-401,    0x1.8p401, 0x1p1000, 0x1.1p1000,  0x1p-1000,    1e-300, 1e300,    0x1.fffffffffffffp-1,
      1.0 + 0x1p-52, 0x1p-53,   -0x1p-53, 134217729.0, 0x1.0000001p0};
  std::vector<double> a, b, c;
  for (const double x : values) {
    for (const double y : values) {
      for (const double z : values) {
        a.push_back(x);
        b.push_back(y);
        c.push_back(z);
      }
    }
  }
  EXPECT_EQ(mismatches(a, b, c), 0u);
  // The sign of an exact zero: -0 * 1 + -0 is -0 (a zero factor's shortcut keeps it).
  EXPECT_TRUE(std::signbit(exact_fma::fma(-0.0, 1.0, -0.0)));
  EXPECT_FALSE(std::signbit(exact_fma::fma(-0.0, 1.0, 0.0)));
}

TEST(ExactFma, HalfwayCasesRoundToEvenOnTheProductsLowBits) {
  // (1 + 2^-27)^2 - 1 = 2^-26 + 2^-54 exactly; a multiply rounded before the add loses the 2^-54.
  const double x = 1.0 + 0x1p-27;
  EXPECT_TRUE(same_bits(exact_fma::fma(x, x, -1.0), std::fma(x, x, -1.0)));
  EXPECT_FALSE(same_bits(x * x - 1.0, std::fma(x, x, -1.0)));  // so the case tells the two apart
  // Ties: 1 + 2^-53 lies halfway between 1 and its next double. A product of 2^-53 alone lands on
  // it; factors with low bits of their own land just beside it, on the side their product's last
  // bits say, which only the product's exact low part (not its rounded value) tells.
  const double up = 1.0 + 0x1p-52, down = 1.0 - 0x1p-53;
  const std::vector<std::pair<double, double>> factors = {
      {1.0, 0x1p-53}, {up, 0x1p-53}, {down, 0x1p-53}, {up, 0x1p-53 * up}, {down, 0x1p-53 * down}, {up, 0x1p-53 * down}};
  for (const auto& [first, second] : factors) {
    for (const double addend : {1.0, -1.0, 1.0 + 0x1p-52, -(1.0 + 0x1p-52)}) {
      EXPECT_TRUE(same_bits(exact_fma::fma(first, second, addend), std::fma(first, second, addend)))
          << std::hexfloat << first << " * " << second << " + " << addend;
    }
  }
  // One of them, whose rounded product is exactly the tie's 2^-53 while the exact one is above it:
  // a multiply and an add rounded apart give 1, a single rounding the next double up.
  EXPECT_EQ(up * (0x1p-53 * down) + 1.0, 1.0);
  EXPECT_EQ(exact_fma::fma(up, 0x1p-53 * down, 1.0), 1.0 + 0x1p-52);
}

}  // namespace
}  // namespace losscape
