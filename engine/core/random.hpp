#pragma once
// Randomness that is the same everywhere: on screen, headless, and in the browser (Emscripten's
// libc++), on every compiler. The standard library's distributions are not (their algorithms are
// unspecified, and libstdc++ and libc++ differ), and libm's log, exp and cos may differ by an
// ulp between glibc, musl and Emscripten. So this generator and its distributions use only
// integer arithmetic, + - * /, std::sqrt and std::frexp: IEEE 754 rounds those exactly the same
// on every platform, and the core is compiled with -ffp-contract=off (no fused multiply-adds
// behind our back). The same seed gives the same numbers, bit for bit.
#include <glm/glm.hpp>

#include <cstddef>
#include <cstdint>

namespace losscape {

// SplitMix64's output function: a bijection that mixes every input bit into every output bit
// (seeds for keyed streams; hash tables' slots, where neighbouring keys differ in few bits).
std::uint64_t mix_bits(std::uint64_t z);

// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, passes BigCrush, and its whole state is one
// number, so a stream can be started anywhere from a key (for_key).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  // A stream for one use of one run: e.g. (seed, ball, step) gives the noise of one ball's one
  // step, whatever the other balls do, the frame rate, or how often the preview peeks ahead.
  static Random for_key(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0);

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // 0 to n - 1 (n >= 1).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }
  // Two independent standard normal numbers: Marsaglia's polar method (1964), which needs only a
  // logarithm and a square root (no sine or cosine), with the logarithm below.
  glm::dvec2 gaussian2();

 private:
  std::uint64_t state_;
};

// The natural logarithm of x > 0 (finite, normal) from + - * / only: frexp splits off the
// exponent exactly, then 2 atanh((m - 1) / (m + 1)) as a fixed polynomial. Within 4 ulp of
// std::log, and the same bits on every IEEE 754 platform, which std::log does not promise.
double portable_log(double x);

}  // namespace losscape
