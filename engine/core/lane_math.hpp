#pragma once
// sin, cos and exp that a compiler can vectorise. Why they exist: the basin maps evaluate the
// built-ins' trigonometric terms hundreds of millions of times, and libm's sin, cos and exp are
// calls a loop cannot be vectorised across (they were 80-90% of a map's time). These are plain
// arithmetic without branches, so a loop over points calling them vectorises (SSE2, AVX2,
// AVX-512). They use only correctly rounded IEEE operations (+ - * /, no fused multiply-adds:
// the build forbids implicit ones) and integer bit operations, so the scalar code and every
// vector width give the same bits on every x86-64 CPU. Accuracy: within 1 ulp of libm's results
// (tested from the tiniest to the largest arguments), themselves within about half an ulp.
//
// The algorithms and coefficients are fdlibm's (k_sin.c, k_cos.c, e_rem_pio2.c and e_exp.c as
// revised in FreeBSD's msun), made branch-free:
//   Copyright (C) 1993, 2004 by Sun Microsystems, Inc. All rights reserved.
//   Permission to use, copy, modify, and distribute this software is freely granted,
//   provided that this notice is preserved.
#include <cmath>
#include <cstdint>

namespace losscape::lane_math {

// Every function here is always inlined: a call would stop the caller's loop from vectorising
// (GCC otherwise keeps them out of line for their size).

// sin_near and cos_near reduce their argument by pi/2 in three 33-bit pieces, which is exact
// for quotients below 2^20; beyond this, sin and cos hand the argument to libm.
inline constexpr double kNearRange = 0x1p20;

namespace detail {

// std::bit_cast, which the browser build's older libc++ (Emscripten 3.1.6) lacks; the builtin
// behind it in GCC and Clang alike, so the bits are the same in both builds.
template <class To, class From>
constexpr To bit_cast(const From& from) {
  static_assert(sizeof(To) == sizeof(From));
  return __builtin_bit_cast(To, from);
}

constexpr double from_bits(std::uint64_t bits) { return bit_cast<double>(bits); }

// a + b exactly, as s + e (Knuth's two-sum: no condition on the magnitudes).
struct TwoSum {
  double s, e;
};
[[gnu::always_inline]] inline TwoSum two_sum(double a, double b) {
  const double s = a + b, bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

// x = k pi/2 + (hi + lo), |hi + lo| <= about pi/4, for |x| <= kNearRange. quadrant: k mod 4.
struct Reduced {
  double hi, lo;
  std::uint64_t quadrant;
};
[[gnu::always_inline]] inline Reduced reduce_by_half_pi(double x) {
  constexpr double kInvHalfPi = from_bits(0x3FE45F306DC9C883);    // 2/pi
  constexpr double kHalfPi1 = from_bits(0x3FF921FB54400000);      // first 33 bits of pi/2
  constexpr double kHalfPi2 = from_bits(0x3DD0B4611A600000);      // next 33 bits
  constexpr double kHalfPi3 = from_bits(0x3BA3198A2E000000);      // next 33 bits
  constexpr double kHalfPi3Tail = from_bits(0x397B839A252049C1);  // pi/2 - the three above
  constexpr double kRound = 0x1.8p52;  // adding it rounds to an integer, kept in the low bits
  const double shifted = x * kInvHalfPi + kRound;
  const double k = shifted - kRound;
  // k * piece is exact (33 bits times 20), and x - k * kHalfPi1 too (the two are within a
  // factor of 2); the rest is summed as a double-double (151 bits of pi/2 in all: enough for
  // every double below kNearRange, as fdlibm's medium-size reduction).
  const double a = x - k * kHalfPi1;
  const TwoSum s1 = two_sum(a, -(k * kHalfPi2));
  const TwoSum s2 = two_sum(s1.s, -(k * kHalfPi3));
  const TwoSum r = two_sum(s2.s, (s1.e + s2.e) - k * kHalfPi3Tail);
  return {r.s, r.e, detail::bit_cast<std::uint64_t>(shifted)};
}

// sin(x + y) for |x + y| <= about pi/4, y a tail much smaller than x (fdlibm's __kernel_sin).
[[gnu::always_inline]] inline double sin_kernel(double x, double y) {
  constexpr double S1 = from_bits(0xBFC5555555555549), S2 = from_bits(0x3F8111111110F8A6),
                   S3 = from_bits(0xBF2A01A019C161D5), S4 = from_bits(0x3EC71DE357B1FE7D),
                   S5 = from_bits(0xBE5AE5E68A2B9CEB), S6 = from_bits(0x3DE5D93A5ACFD57C);
  const double z = x * x, w = z * z, v = z * x;
  const double r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

// cos(x + y) for |x + y| <= about pi/4 (fdlibm's __kernel_cos, FreeBSD's branch-free form).
[[gnu::always_inline]] inline double cos_kernel(double x, double y) {
  constexpr double C1 = from_bits(0x3FA555555555554C), C2 = from_bits(0xBF56C16C16C15177),
                   C3 = from_bits(0x3EFA01A019CB1590), C4 = from_bits(0xBE927E4F809C52AD),
                   C5 = from_bits(0x3E21EE9EBDB4B1C4), C6 = from_bits(0xBDA8FAE9BE8838D4);
  const double z = x * x, w = z * z;
  const double r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const double hz = 0.5 * z, one_minus_hz = 1.0 - hz;
  return one_minus_hz + (((1.0 - one_minus_hz) - hz) + (z * r - x * y));
}

// sin or cos of the reduced argument, by quadrant: the sine's kernel in quadrants 0 and 2 and the
// cosine's in 1 and 3, negated in quadrants 2 and 3. Both kernels are always computed and the
// choice made on the bits: written as a conditional, GCC computes each kernel under a mask
// instead, and then sin_near(x) and cos_near(x) of the same x (in a value and its gradient)
// no longer share their work.
[[gnu::always_inline]] inline double by_quadrant(double sin_r, double cos_r, std::uint64_t quadrant) {
  const std::uint64_t s = detail::bit_cast<std::uint64_t>(sin_r), c = detail::bit_cast<std::uint64_t>(cos_r);
  const std::uint64_t odd = 0 - (quadrant & 1);  // all ones in quadrants 1 and 3
  return detail::bit_cast<double>(((s & ~odd) | (c & odd)) ^ ((quadrant & 2) << 62));
}

}  // namespace detail

// sin(x) and cos(x) for |x| <= kNearRange, vectorisable (no branches). Where both are wanted,
// the second costs nothing: the two share every operation but the last few, and the compiler
// computes those once.
[[gnu::always_inline]] inline double sin_near(double x) {
  const detail::Reduced r = detail::reduce_by_half_pi(x);
  return detail::by_quadrant(detail::sin_kernel(r.hi, r.lo), detail::cos_kernel(r.hi, r.lo), r.quadrant);
}
[[gnu::always_inline]] inline double cos_near(double x) {  // cos x = sin(x + pi/2)
  const detail::Reduced r = detail::reduce_by_half_pi(x);
  return detail::by_quadrant(detail::sin_kernel(r.hi, r.lo), detail::cos_kernel(r.hi, r.lo), r.quadrant + 1);
}

// Any argument: the kernels up to kNearRange, libm (exact reduction for huge x, NaN for inf) beyond.
[[gnu::always_inline]] inline double sin(double x) { return std::abs(x) <= kNearRange ? sin_near(x) : std::sin(x); }
[[gnu::always_inline]] inline double cos(double x) { return std::abs(x) <= kNearRange ? cos_near(x) : std::cos(x); }

// e^x for any x (inf, 0 and NaN where libm gives them), vectorisable (no branches).
[[gnu::always_inline]] inline double exp(double x) {
  constexpr double kInvLn2 = detail::from_bits(0x3FF71547652B82FE);
  constexpr double kLn2Hi = detail::from_bits(0x3FE62E42FEE00000);  // 32 bits: k * kLn2Hi is exact
  constexpr double kLn2Lo = detail::from_bits(0x3DEA39EF35793C76);
  constexpr double P1 = detail::from_bits(0x3FC555555555553E), P2 = detail::from_bits(0xBF66C16C16BEBD93),
                   P3 = detail::from_bits(0x3F11566AAF25DE2C), P4 = detail::from_bits(0xBEBBBD41C5D26BF1),
                   P5 = detail::from_bits(0x3E66376972BEA4D0);
  constexpr double kRound = 0x1.8p52;
  // Beyond +-1100 the result has over- or underflowed whatever x is; clamping keeps k small
  // enough for the two-step scaling below. NaN passes through (both comparisons are false).
  const double clamped = x < -1100.0 ? -1100.0 : (x > 1100.0 ? 1100.0 : x);
  // x = k ln2 + r, |r| <= ln2 / 2, with r = hi - lo.
  const double shifted = clamped * kInvLn2 + kRound;
  const double k = shifted - kRound;
  const double hi = clamped - k * kLn2Hi, lo = k * kLn2Lo;
  const double r = hi - lo;
  // e^r = 1 + r + r c / (2 - c), c = r - r^2 (P1 + ... ) a minimax fit of r (e^r + 1) / (e^r - 1).
  const double z = r * r;
  const double c = r - z * (P1 + z * (P2 + z * (P3 + z * (P4 + z * P5))));
  const double e_r = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  // Times 2^k as 2^(k - h) * 2^h, h = floor(k / 2): both factors are normal numbers (|k| <=
  // 1587), and the second product rounds once where the result is subnormal or out of range.
  // Unsigned arithmetic on exponents offset to be positive: vectorises without 64-bit
  // arithmetic shifts, which AVX2 lacks. k + 2048 sits in the low bits of `shifted`.
  const std::uint64_t k_plus_2048 =
      detail::bit_cast<std::uint64_t>(shifted) - detail::bit_cast<std::uint64_t>(kRound) + 2048;
  const std::uint64_t h_plus_1024 = k_plus_2048 >> 1;
  const double scale1 = detail::bit_cast<double>((k_plus_2048 - h_plus_1024 - 1024 + 1023) << 52);  // 2^(k - h)
  const double scale2 = detail::bit_cast<double>((h_plus_1024 - 1024 + 1023) << 52);                // 2^h
  return e_r * scale1 * scale2;
}

}  // namespace losscape::lane_math
