// The GLSL library a compiled cost calls: see glsl_math.hpp. Three pieces of text: the double
// precision functions (fdlibm's algorithms, constants as fdlibm prints them), the single
// precision ones (GLSL's built-ins behind guards), and what both share, written once in
// LOSSCAPE_REAL (the integer power, pow, atan2, abs's derivative).
#include "engine/core/glsl/glsl_math.hpp"

namespace losscape {
namespace {

// Double precision. Bits through packDouble2x32 / unpackDouble2x32 (x: low word, y: high word).
constexpr const char* kDouble = R"GLSL(
double losscape_inf() { return packDouble2x32(uvec2(0u, 0x7ff00000u)); }
double losscape_nan() { return packDouble2x32(uvec2(0u, 0x7ff80000u)); }
bool losscape_isnan(double x) {
  uvec2 b = unpackDouble2x32(x);
  uint h = b.y & 0x7fffffffu;
  return h > 0x7ff00000u || (h == 0x7ff00000u && b.x != 0u);
}
bool losscape_isinf(double x) {
  uvec2 b = unpackDouble2x32(x);
  return (b.y & 0x7fffffffu) == 0x7ff00000u && b.x == 0u;
}
bool losscape_signbit(double x) { return (unpackDouble2x32(x).y >> 31) != 0u; }
const double losscape_pi = 3.14159265358979311600e+00LF;
const double losscape_pi_lo = 1.22464679914735317720e-16LF;  // pi - losscape_pi
const double losscape_pi_2 = 1.57079632679489655800e+00LF;
const double losscape_pi_4 = 7.85398163397448278999e-01LF;
// 2^k for -1022 <= k <= 1023.
double losscape_pow2(int k) { return packDouble2x32(uvec2(0u, uint(k + 1023) << 20)); }

// fdlibm e_exp.c: x = k ln2 + r with |r| <= ln2/2 (ln2 in two parts, so k ln2_hi is exact),
// exp(r) from a rational approximation, times 2^k.
double losscape_exp(double x) {
  if (losscape_isnan(x)) return x;
  if (x > 7.09782712893383973096e+02LF) return losscape_inf();
  if (x < -7.45133219101941108420e+02LF) return 0.0LF;
  double k = floor(x * 1.44269504088896338700e+00LF + 0.5LF);
  double hi = x - k * 6.93147180369123816490e-01LF;
  double lo = k * 1.90821492927058770002e-10LF;
  double r = hi - lo;
  double t = r * r;
  double c = r - t * (1.66666666666666019037e-01LF + t * (-2.77777777770155933842e-03LF +
             t * (6.61375632143793436117e-05LF + t * (-1.65339022054652515390e-06LF +
             t * 4.13813679705723846039e-08LF))));
  double y = 1.0LF - ((lo - (r * c) / (2.0LF - c)) - hi);
  int ki = int(k);
  int k1 = ki / 2;  // two factors, each a normal number, reach 2^-1075 .. 2^1024
  return y * losscape_pow2(k1) * losscape_pow2(ki - k1);
}

// fdlibm e_log.c (as musl's log.c): x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2),
// log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)), s = f / (2 + f).
double losscape_log(double x) {
  if (losscape_isnan(x)) return x;
  if (x < 0.0LF) return losscape_nan();
  if (x == 0.0LF) return -losscape_inf();
  if (losscape_isinf(x)) return x;
  int k = 0;
  if (x < 2.2250738585072014e-308LF) {  // subnormal: scale up by 2^54
    x *= 1.8014398509481984e+16LF;
    k -= 54;
  }
  uvec2 b = unpackDouble2x32(x);
  uint hx = b.y + (0x3ff00000u - 0x3fe6a09eu);
  k += int(hx >> 20) - 0x3ff;
  hx = (hx & 0x000fffffu) + 0x3fe6a09eu;
  double f = packDouble2x32(uvec2(b.x, hx)) - 1.0LF;
  double hfsq = 0.5LF * f * f;
  double s = f / (2.0LF + f);
  double z = s * s;
  double w = z * z;
  double t1 = w * (3.999999999940941908e-01LF + w * (2.222219843214978396e-01LF + w * 1.531383769920937332e-01LF));
  double t2 = z * (6.666666666666735130e-01LF + w * (2.857142874366239149e-01LF +
              w * (1.818357216161805012e-01LF + w * 1.479819860511658591e-01LF)));
  double R = t2 + t1;
  double dk = double(k);
  return s * (hfsq + R) + dk * 1.90821492927058770002e-10LF - hfsq + f + dk * 6.93147180369123816490e-01LF;
}
double losscape_log10(double x) { return losscape_log(x) * 4.34294481903251816668e-01LF; }
double losscape_log2(double x) { return losscape_log(x) * 1.44269504088896338700e+00LF; }
double losscape_sqrt(double x) { return x < 0.0LF ? losscape_nan() : sqrt(x); }

// fdlibm k_sin.c and k_cos.c: sin and cos on [-pi/4, pi/4] for x + y (y: x's tail).
double losscape_kernel_sin(double x, double y) {
  double z = x * x;
  double w = z * z;
  double r = 8.33333333332248946124e-03LF + z * (-1.98412698298579493134e-04LF + z * 2.75573137070700676789e-06LF) +
             z * w * (-2.50507602534068634195e-08LF + z * 1.58969099521155010221e-10LF);
  double v = z * x;
  return x - ((z * (0.5LF * y - v * r) - y) - v * -1.66666666666666324348e-01LF);
}
double losscape_kernel_cos(double x, double y) {
  double z = x * x;
  double w = z * z;
  double r = z * (4.16666666666666019037e-02LF + z * (-1.38888888888741095749e-03LF + z * 2.48015872894767294178e-05LF)) +
             w * w * (-2.75573143513906633035e-07LF + z * (2.08757232129817482790e-09LF + z * -1.13596475577881948265e-11LF));
  double hz = 0.5LF * z;
  w = 1.0LF - hz;
  return w + (((1.0LF - w) - hz) + (z * r - x * y));
}
// x = n pi/2 + (y0 + y1), |y0 + y1| <= pi/4: musl's __rem_pio2 for |x| < 2^20 pi/2 (pi/2 in
// 33 + 53 bits: n pio2_1 is exact); beyond, the low part's error grows with n.
int losscape_rem_pio2(double x, out double y0, out double y1) {
  double n = floor(x * 6.36619772367581382433e-01LF + 0.5LF);
  double r = x - n * 1.57079632673412561417e+00LF;
  double w = n * 6.07710050650619224932e-11LF;
  y0 = r - w;
  y1 = (r - y0) - w;
  return int(mod(n, 4.0LF));
}
// Both at once (a rule that needs one needs the other; the compiler drops what is unused).
void losscape_sincos(double x, out double sine, out double cosine) {
  if (losscape_isnan(x) || losscape_isinf(x)) {
    sine = cosine = losscape_nan();
    return;
  }
  double y0 = x, y1 = 0.0LF;
  int q = abs(x) < 7.85398163397448278999e-01LF ? 0 : losscape_rem_pio2(x, y0, y1);
  double s = losscape_kernel_sin(y0, y1), c = losscape_kernel_cos(y0, y1);
  sine = q == 0 ? s : (q == 1 ? c : (q == 2 ? -s : -c));
  cosine = q == 0 ? c : (q == 1 ? -s : (q == 2 ? -c : s));
}
double losscape_sin(double x) {
  double s, c;
  losscape_sincos(x, s, c);
  return s;
}
double losscape_cos(double x) {
  double s, c;
  losscape_sincos(x, s, c);
  return c;
}
double losscape_tan(double x) { return losscape_sin(x) / losscape_cos(x); }

// fdlibm s_atan.c: reduced to |x| < 7/16 around atan(1/2), atan(1), atan(3/2) or pi/2.
double losscape_atan(double x) {
  if (losscape_isnan(x)) return x;
  double ax = abs(x);
  double hi, lo;
  int id = -1;
  if (ax >= 7.3786976294838206464e+19LF) {  // 2^66
    hi = losscape_pi_2;
    lo = 6.12323399573676603587e-17LF;
    return losscape_signbit(x) ? -(hi + lo) : hi + lo;
  }
  if (ax < 0.4375LF) {
    if (ax < 7.450580596923828125e-9LF) return x;  // 2^-27
  } else if (ax < 1.1875LF) {
    if (ax < 0.6875LF) {
      id = 0;
      ax = (2.0LF * ax - 1.0LF) / (2.0LF + ax);
    } else {
      id = 1;
      ax = (ax - 1.0LF) / (ax + 1.0LF);
    }
  } else if (ax < 2.4375LF) {
    id = 2;
    ax = (ax - 1.5LF) / (1.0LF + 1.5LF * ax);
  } else {
    id = 3;
    ax = -1.0LF / ax;
  }
  double z = ax * ax;
  double w = z * z;
  double s1 = z * (3.33333333333329318027e-01LF + w * (1.42857142725034663711e-01LF + w * (9.09088713343650656196e-02LF +
              w * (6.66107313738753120669e-02LF + w * (4.97687799461593236017e-02LF + w * 1.62858201153657823623e-02LF)))));
  double s2 = w * (-1.99999999998764832476e-01LF + w * (-1.11111104054623557880e-01LF + w * (-7.69187620504482999495e-02LF +
              w * (-5.83357013379057348645e-02LF + w * -3.65315727442169155270e-02LF))));
  if (id < 0) return x - x * (s1 + s2);
  if (id == 0) { hi = 4.63647609000806093515e-01LF; lo = 2.26987774529616870924e-17LF; }
  else if (id == 1) { hi = 7.85398163397448278999e-01LF; lo = 3.06161699786838301793e-17LF; }
  else if (id == 2) { hi = 9.82793723247329054082e-01LF; lo = 1.39033110312309984516e-17LF; }
  else { hi = 1.57079632679489655800e+00LF; lo = 6.12323399573676603587e-17LF; }
  double r = hi - ((ax * (s1 + s2) - lo) - ax);
  return losscape_signbit(x) ? -r : r;
}

// fdlibm e_asin.c and e_acos.c: a rational R(z) on [0, 1/4], and near |x| = 1 through
// sqrt((1 - |x|) / 2) with its low part.
double losscape_asin_R(double z) {
  double p = z * (1.66666666666666657415e-01LF + z * (-3.25565818622400915405e-01LF + z * (2.01212532134862925881e-01LF +
             z * (-4.00555345006794114027e-02LF + z * (7.91534994289814532176e-04LF + z * 3.47933107596021167570e-05LF)))));
  double q = 1.0LF + z * (-2.40339491173441421878e+00LF + z * (2.02094576023350569471e+00LF +
             z * (-6.88283971605453293030e-01LF + z * 7.70381505559019352791e-02LF)));
  return p / q;
}
double losscape_asin(double x) {
  const double pio2_hi = 1.57079632679489655800e+00LF, pio2_lo = 6.12323399573676603587e-17LF;
  double ax = abs(x);
  if (losscape_isnan(x) || ax > 1.0LF) return losscape_nan();
  if (ax == 1.0LF) return x * pio2_hi + x * pio2_lo;
  if (ax < 0.5LF) {
    if (ax < 1.4901161193847656e-8LF) return x;  // 2^-26
    return x + x * losscape_asin_R(x * x);
  }
  double z = (1.0LF - ax) * 0.5LF;
  double s = sqrt(z);
  double r = losscape_asin_R(z);
  double t;
  if (ax >= 0.975LF) {
    t = pio2_hi - (2.0LF * (s + s * r) - pio2_lo);
  } else {
    double f = packDouble2x32(uvec2(0u, unpackDouble2x32(s).y));
    double c = (z - f * f) / (s + f);
    t = 0.5LF * pio2_hi - (2.0LF * s * r - (pio2_lo - 2.0LF * c) - (0.5LF * pio2_hi - 2.0LF * f));
  }
  return losscape_signbit(x) ? -t : t;
}
double losscape_acos(double x) {
  const double pio2_hi = 1.57079632679489655800e+00LF, pio2_lo = 6.12323399573676603587e-17LF;
  double ax = abs(x);
  if (losscape_isnan(x) || ax > 1.0LF) return losscape_nan();
  if (x == 1.0LF) return 0.0LF;
  if (x == -1.0LF) return 2.0LF * pio2_hi;
  if (ax < 0.5LF) {
    if (ax <= 6.9388939039072284e-18LF) return pio2_hi + pio2_lo;  // 2^-57
    return pio2_hi - (x - (pio2_lo - x * losscape_asin_R(x * x)));
  }
  if (x < 0.0LF) {
    double z = (1.0LF + x) * 0.5LF;
    double s = sqrt(z);
    double w = losscape_asin_R(z) * s - pio2_lo;
    return 2.0LF * (pio2_hi - (s + w));
  }
  double z = (1.0LF - x) * 0.5LF;
  double s = sqrt(z);
  double df = packDouble2x32(uvec2(0u, unpackDouble2x32(s).y));
  double c = (z - df * df) / (s + df);
  double w = losscape_asin_R(z) * s + c;
  return 2.0LF * (df + w);
}

// sinh, cosh, tanh from exp; near 0, sinh by its Taylor series (to x^17: below an ulp for
// |x| < 1), so that no difference of nearly equal exponentials loses digits.
double losscape_sinh_series(double x) {
  double z = x * x;
  return x + x * z * (1.0LF / 6.0LF + z * (1.0LF / 120.0LF + z * (1.0LF / 5040.0LF + z * (1.0LF / 362880.0LF +
         z * (1.0LF / 39916800.0LF + z * (1.0LF / 6227020800.0LF + z * (1.0LF / 1307674368000.0LF +
         z * (1.0LF / 355687428096000.0LF))))))));
}
// exp(|x|) / 2 without overflowing where the result itself does not (fdlibm's w/2 * w).
double losscape_half_exp(double ax) {
  if (ax < 709.0LF) return 0.5LF * losscape_exp(ax);
  double w = losscape_exp(0.5LF * ax);
  return (0.5LF * w) * w;
}
double losscape_sinh(double x) {
  if (losscape_isnan(x)) return x;
  double ax = abs(x);
  if (ax < 1.0LF) return losscape_sinh_series(x);
  double s = ax > 22.0LF ? losscape_half_exp(ax) : 0.5LF * (losscape_exp(ax) - 1.0LF / losscape_exp(ax));
  return losscape_signbit(x) ? -s : s;
}
double losscape_cosh(double x) {
  if (losscape_isnan(x)) return x;
  double ax = abs(x);
  if (ax > 22.0LF) return losscape_half_exp(ax);
  double e = losscape_exp(ax);
  return 0.5LF * (e + 1.0LF / e);
}
double losscape_tanh(double x) {
  if (losscape_isnan(x)) return x;
  double ax = abs(x), t;
  if (ax < 0.55LF) {
    double s = losscape_sinh_series(ax);
    t = s / sqrt(1.0LF + s * s);
  } else if (ax > 22.0LF) {
    t = 1.0LF;
  } else {
    t = 1.0LF - 2.0LF / (losscape_exp(2.0LF * ax) + 1.0LF);
  }
  return losscape_signbit(x) ? -t : t;
}
)GLSL";

// Single precision: GLSL's built-ins, guarded where GLSL leaves the result undefined.
constexpr const char* kFloat = R"GLSL(
float losscape_inf() { return uintBitsToFloat(0x7f800000u); }
float losscape_nan() { return uintBitsToFloat(0x7fc00000u); }
bool losscape_isnan(float x) { return (floatBitsToUint(x) & 0x7fffffffu) > 0x7f800000u; }
bool losscape_isinf(float x) { return (floatBitsToUint(x) & 0x7fffffffu) == 0x7f800000u; }
bool losscape_signbit(float x) { return (floatBitsToUint(x) >> 31) != 0u; }
const float losscape_pi = 3.14159274;
const float losscape_pi_lo = -8.74227766e-08;  // pi - losscape_pi
const float losscape_pi_2 = 1.57079637;
const float losscape_pi_4 = 0.785398185;
float losscape_exp(float x) {
  if (losscape_isnan(x)) return x;
  if (x > 88.7228394) return losscape_inf();
  return exp(x);
}
float losscape_log(float x) {
  if (losscape_isnan(x) || x < 0.0) return losscape_nan();
  if (x == 0.0) return -losscape_inf();
  if (losscape_isinf(x)) return x;
  return log(x);
}
float losscape_log10(float x) { return losscape_log(x) * 0.434294482; }
float losscape_log2(float x) { return losscape_log(x) * 1.44269502; }
float losscape_sqrt(float x) { return x < 0.0 ? losscape_nan() : sqrt(x); }
float losscape_sin(float x) { return losscape_isinf(x) ? losscape_nan() : sin(x); }
float losscape_cos(float x) { return losscape_isinf(x) ? losscape_nan() : cos(x); }
float losscape_tan(float x) { return losscape_sin(x) / losscape_cos(x); }
// Through atan: llvmpipe's asin and acos are off by 1e-4 (GLSL sets no accuracy for them).
float losscape_asin(float x) {
  return abs(x) > 1.0 ? losscape_nan() : atan(x, sqrt((1.0 - x) * (1.0 + x)));
}
float losscape_acos(float x) {
  return abs(x) > 1.0 ? losscape_nan() : atan(sqrt((1.0 - x) * (1.0 + x)), x);
}
float losscape_atan(float x) { return atan(x); }
// Near 0 by the series (to x^7: below an ulp for |x| < 1/2): exp(x) - exp(-x) loses digits there.
float losscape_sinh(float x) {
  if (abs(x) < 0.5) {
    float z = x * x;
    return x + x * z * (1.0 / 6.0 + z * (1.0 / 120.0 + z * (1.0 / 5040.0)));
  }
  float h = 0.5 * losscape_exp(abs(x)), s = h - 0.25 / h;
  return x < 0.0 ? -s : s;
}
float losscape_cosh(float x) {
  float h = 0.5 * losscape_exp(abs(x));
  return h + 0.25 / h;
}
float losscape_tanh(float x) {
  if (losscape_isnan(x)) return x;
  if (abs(x) < 0.5) {
    float s = losscape_sinh(x);
    return s / sqrt(1.0 + s * s);
  }
  float t = abs(x) > 10.0 ? 1.0 : 1.0 - 2.0 / (exp(2.0 * abs(x)) + 1.0);
  return x < 0.0 ? -t : t;
}
)GLSL";

// Both precisions: the formula language's integer power (repeated squaring, as
// formula::integer_power rounds), pow and atan2 with C's special values, abs's derivative.
constexpr const char* kShared = R"GLSL(
LOSSCAPE_REAL losscape_integer_power(LOSSCAPE_REAL u, int n) {
  bool invert = n < 0;
  if (invert) n = -n;
  LOSSCAPE_REAL result = LOSSCAPE_REAL(1.0), base = u;
  for (; n > 0; n >>= 1) {
    if ((n & 1) != 0) result *= base;
    base *= base;
  }
  return invert ? LOSSCAPE_REAL(1.0) / result : result;
}
LOSSCAPE_REAL losscape_sign(LOSSCAPE_REAL u) {
  return u > LOSSCAPE_REAL(0.0) ? LOSSCAPE_REAL(1.0) : (u < LOSSCAPE_REAL(0.0) ? LOSSCAPE_REAL(-1.0) : LOSSCAPE_REAL(0.0));
}
LOSSCAPE_REAL losscape_abs(LOSSCAPE_REAL u) { return abs(u); }
// C's pow: 1 for a zero exponent or a base of 1, a negative base only to an integer power.
LOSSCAPE_REAL losscape_pow(LOSSCAPE_REAL a, LOSSCAPE_REAL b) {
  if (b == LOSSCAPE_REAL(0.0) || a == LOSSCAPE_REAL(1.0)) return LOSSCAPE_REAL(1.0);
  if (losscape_isnan(a) || losscape_isnan(b)) return losscape_nan();
  if (a < LOSSCAPE_REAL(0.0)) {
    if (floor(b) != b) return losscape_nan();
    LOSSCAPE_REAL m = losscape_exp(b * losscape_log(-a));
    return mod(b, LOSSCAPE_REAL(2.0)) != LOSSCAPE_REAL(0.0) ? -m : m;
  }
  return losscape_exp(b * losscape_log(a));
}
// C's atan2(y, x), its signed zeros and infinities included (fdlibm e_atan2.c's cases).
LOSSCAPE_REAL losscape_atan2(LOSSCAPE_REAL y, LOSSCAPE_REAL x) {
  if (losscape_isnan(x) || losscape_isnan(y)) return losscape_nan();
  bool y_negative = losscape_signbit(y);
  LOSSCAPE_REAL z;
  if (y == LOSSCAPE_REAL(0.0)) {
    if (!losscape_signbit(x)) return y;
    z = losscape_pi;
  } else if (x == LOSSCAPE_REAL(0.0)) {
    z = losscape_pi_2;
  } else if (losscape_isinf(x)) {
    if (losscape_isinf(y)) z = x > LOSSCAPE_REAL(0.0) ? losscape_pi_4 : LOSSCAPE_REAL(3.0) * losscape_pi_4;
    else z = x > LOSSCAPE_REAL(0.0) ? LOSSCAPE_REAL(0.0) : losscape_pi;
  } else if (losscape_isinf(y)) {
    z = losscape_pi_2;
  } else {
    z = losscape_atan(abs(y / x));
    if (x < LOSSCAPE_REAL(0.0)) z = losscape_pi - (z - losscape_pi_lo);
  }
  return y_negative ? -z : z;
}
)GLSL";

}  // namespace

const std::string& glsl_math_library(GlslPrecision precision) {
  static const std::string fp64 = std::string(kDouble) + kShared;
  static const std::string fp32 = std::string(kFloat) + kShared;
  return precision == GlslPrecision::fp64 ? fp64 : fp32;
}

}  // namespace losscape
