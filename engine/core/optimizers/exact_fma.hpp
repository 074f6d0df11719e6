#pragma once
// a * b + c rounded once, from plain double arithmetic, for where std::fma has no instruction
// under it: WebAssembly (the browser build), whose libc computes it with 128-bit integer
// arithmetic, about 30 ns a call in V8 (Chromium's), the better part of a swarm member's step.
// torch's fused multiply-adds (torch_ops.hpp) are one or two a coordinate of every method, so
// each lane's step waited on them.
//
// Dekker's product and Knuth's sum without error, then Boldo and Melquiond's addition rounded to
// odd ("Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd",
// IEEE Transactions on Computers, 2008): correctly rounded wherever nothing overflows or
// underflows on the way. That holds where both factors lie within 2^-400..2^400 in size and c
// below 2^1000. A zero factor makes the product exact, so a * b + c is already the answer: a
// shortcut for a method's first steps, whose memories start at zero (outside the range, zeros
// would take std::fma). Anything else (NaN, infinities, huge or tiny numbers: a diverging ball)
// takes std::fma. The same algorithm
// is the GPU swarm's fma on drivers that round twice (engine/render/compute/swarm_rules.cpp).
// tests/math/test_exact_fma.cpp holds it to std::fma bit for bit.
#include "engine/core/lane_math.hpp"  // two_sum and bit_cast

#include <cmath>
#include <cstdint>

namespace losscape::exact_fma {

// a = hi + lo exactly, each half 26 bits (Veltkamp's split). (two_sum, Knuth's: lane_math.hpp.)
inline void split(double a, double& hi, double& lo) {
  const double t = a * 134217729.0;  // 2^27 + 1
  hi = t - (t - a);
  lo = a - hi;
}

// a + b rounded to odd: where the sum is inexact and its nearest below or above has an even last
// bit, the odd neighbour on the side of the exact sum instead.
inline double add_odd(double a, double b) {
  const auto [s, e] = lane_math::detail::two_sum(a, b);
  const std::uint64_t bits = lane_math::detail::bit_cast<std::uint64_t>(s);
  const bool inexact_and_even = e != 0.0 && (bits & 1u) == 0u;
  // Away from zero is one more in the bit pattern, on either sign.
  const std::uint64_t step = (e > 0.0) == (s > 0.0) ? 1u : ~std::uint64_t{0};
  return lane_math::detail::bit_cast<double>(bits + (inexact_and_even ? step : 0u));
}

// Whether the emulation below is exact for a * b + c (see the top).
inline bool emulation_exact_for(double a, double b, double c) {
  constexpr double kSmall = 0x1p-400, kLarge = 0x1p400;
  const double ma = std::fabs(a), mb = std::fabs(b);
  return ma >= kSmall && ma <= kLarge && mb >= kSmall && mb <= kLarge && std::fabs(c) <= 0x1p1000;
}

// a * b + c rounded once, where emulation_exact_for(a, b, c).
inline double emulated(double a, double b, double c) {
  const double product = a * b;
  double ah = 0.0, al = 0.0, bh = 0.0, bl = 0.0;
  split(a, ah, al);
  split(b, bh, bl);
  const double product_error = ((ah * bh - product) + ah * bl + al * bh) + al * bl;
  const auto [th, tl] = lane_math::detail::two_sum(c, product);
  return th + add_odd(tl, product_error);
}

// a * b + c rounded once, for every input, as std::fma.
inline double fma(double a, double b, double c) {
  if (a == 0.0 || b == 0.0) return a * b + c;  // an exact product: one rounding
  if (emulation_exact_for(a, b, c)) return emulated(a, b, c);
  return std::fma(a, b, c);
}

}  // namespace losscape::exact_fma
