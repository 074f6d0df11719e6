#pragma once
// The derivative rules of the formula language's functions, written once over a number type R
// and a math policy M, so that the C++ evaluators (R = double, M = StdMath) and the GLSL emitter
// (engine/core/glsl/: R = an expression's text, M = calls to the GLSL library) apply the very
// same rules: a rule changed here changes both, and no hand-copied twin can drift.
//
// A rule gives f(u) and its first two derivatives at u (unary functions), or f(a, b) and its
// partial derivatives (the two-argument ones with smooth partials: pow and atan2). min and max
// take the derivative of the branch taken and have no rule. R must offer + - * / with R and with
// double; M the functions StdMath names, each returning R.
#include "engine/core/formula/op.hpp"

#include <cmath>
#include <numbers>

namespace losscape::formula {

template <class R>
struct UnaryRule {
  R f0, f1, f2;
};

template <class R>
struct BinaryRule {
  R f, fa, fb, faa, fab, fbb;
};

// C++'s own functions (the policy elementary() and apply_binary() use).
struct StdMath {
  static double sin(double u) { return std::sin(u); }
  static double cos(double u) { return std::cos(u); }
  static double tan(double u) { return std::tan(u); }
  static double asin(double u) { return std::asin(u); }
  static double acos(double u) { return std::acos(u); }
  static double atan(double u) { return std::atan(u); }
  static double sinh(double u) { return std::sinh(u); }
  static double cosh(double u) { return std::cosh(u); }
  static double tanh(double u) { return std::tanh(u); }
  static double exp(double u) { return std::exp(u); }
  static double log(double u) { return std::log(u); }
  static double log10(double u) { return std::log10(u); }
  static double log2(double u) { return std::log2(u); }
  static double sqrt(double u) { return std::sqrt(u); }
  static double abs(double u) { return std::abs(u); }
  // abs's derivative: 1, -1, or 0 at 0 (and at NaN).
  static double sign(double u) { return u > 0.0 ? 1.0 : (u < 0.0 ? -1.0 : 0.0); }
  static double integer_power(double u, int n) { return formula::integer_power(u, n); }
  static double pow(double a, double b) { return std::pow(a, b); }
  static double atan2(double a, double b) { return std::atan2(a, b); }
  static double constant(double c) { return c; }
};

template <class R, class M>
UnaryRule<R> unary_rule(Op op, const R& u, double c, const M& m) {
  switch (op) {
    case Op::sin: return {m.sin(u), m.cos(u), -m.sin(u)};
    case Op::cos: return {m.cos(u), -m.sin(u), -m.cos(u)};
    case Op::tan: {
      const R t = m.tan(u), s = 1.0 + t * t;
      return {t, s, 2.0 * t * s};
    }
    case Op::asin: {
      const R r = 1.0 / m.sqrt(1.0 - u * u);
      return {m.asin(u), r, u * r * r * r};
    }
    case Op::acos: {
      const R r = 1.0 / m.sqrt(1.0 - u * u);
      return {m.acos(u), -r, -u * r * r * r};
    }
    case Op::atan: {
      const R d = 1.0 / (1.0 + u * u);
      return {m.atan(u), d, -2.0 * u * d * d};
    }
    case Op::sinh: return {m.sinh(u), m.cosh(u), m.sinh(u)};
    case Op::cosh: return {m.cosh(u), m.sinh(u), m.cosh(u)};
    case Op::tanh: {
      const R t = m.tanh(u), s = 1.0 - t * t;
      return {t, s, -2.0 * t * s};
    }
    case Op::exp: {
      const R e = m.exp(u);
      return {e, e, e};
    }
    case Op::log: return {m.log(u), 1.0 / u, -1.0 / (u * u)};
    case Op::log10: {
      const double k = 1.0 / std::numbers::ln10;
      return {m.log10(u), k / u, -k / (u * u)};
    }
    case Op::log2: {
      const double k = 1.0 / std::numbers::ln2;
      return {m.log2(u), k / u, -k / (u * u)};
    }
    case Op::sqrt: {
      const R s = m.sqrt(u);
      return {s, 0.5 / s, -0.25 / (s * u)};
    }
    case Op::abs: return {m.abs(u), m.sign(u), m.constant(0.0)};
    case Op::pow_int: {
      const int n = static_cast<int>(c);
      return {m.integer_power(u, n), c * m.integer_power(u, n - 1), c * (c - 1.0) * m.integer_power(u, n - 2)};
    }
    case Op::pow_real: return {m.pow(u, c), c * m.pow(u, c - 1.0), c * (c - 1.0) * m.pow(u, c - 2.0)};
    default: return {u, m.constant(1.0), m.constant(0.0)};
  }
}

template <class R, class M>
BinaryRule<R> binary_rule(Op op, const R& a, const R& b, const M& m) {
  if (op == Op::pow) {
    // a^b with both variable: defined for a > 0 (use ^ with a constant exponent otherwise).
    const R p = m.pow(a, b), l = m.log(a);
    return {p, b * p / a, p * l, b * (b - 1.0) * p / (a * a), p / a * (1.0 + b * l), p * l * l};
  }
  // atan2
  const R r2 = a * a + b * b, r4 = r2 * r2;
  return {m.atan2(a, b), b / r2, -a / r2, -2.0 * a * b / r4, (a * a - b * b) / r4, 2.0 * a * b / r4};
}

}  // namespace losscape::formula
