#include "engine/core/random.hpp"

#include <cmath>

namespace losscape {

std::uint64_t mix_bits(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Random Random::for_key(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;
  return Random(mix_bits(mix_bits(mix_bits(seed + kGolden) + a * kGolden + kGolden) + b * kGolden + kGolden));
}

glm::dvec2 Random::gaussian2() {
  double u = 0.0, v = 0.0, s = 0.0;
  do {  // a point uniform in the unit disc (accepted 78.5% of the time)
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double m = std::sqrt(-2.0 * portable_log(s) / s);
  return {u * m, v * m};
}

double portable_log(double x) {
  int exponent = 0;
  double m = std::frexp(x, &exponent);  // x = m 2^exponent, m in [0.5, 1): exact
  constexpr double kSqrtHalf = 0.70710678118654752440;
  if (m < kSqrtHalf) {  // m in [sqrt(1/2), sqrt(2)): |z| below 0.172
    m *= 2.0;
    --exponent;
  }
  const double z = (m - 1.0) / (m + 1.0), z2 = z * z;
  // log m = 2 atanh z = 2 (z + z^3/3 + z^5/5 + ...); z^2 < 0.0295, so 13 terms reach 1e-20.
  double series = 1.0 / 25.0;
  for (int k = 11; k >= 0; --k) series = 1.0 / (2.0 * k + 1.0) + z2 * series;
  // ln 2 in two parts, the first with few enough bits that exponent * it is exact.
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  const double e = static_cast<double>(exponent);
  return e * kLn2Hi + (2.0 * z * series + e * kLn2Lo);
}

}  // namespace losscape
