#pragma once
// The formula program's operations, and the integer power every evaluator computes alike.
namespace losscape::formula {

enum class Op {
  constant,
  x,
  y,
  parameter,
  neg,
  add,
  sub,
  mul,
  div,
  pow_int,   // a ^ n, n a constant integer: defined for negative a
  pow_real,  // a ^ c, c a constant: c a^(c-1)
  pow,       // a ^ b, both variable: exp(b log a)
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  tanh,
  exp,
  log,
  log10,
  log2,
  sqrt,
  abs,
  atan2,
  min,
  max,
};

// u^n by repeated squaring, its operations in one order: the scalar and batched evaluators
// compute it on doubles (integer_power below), the JIT lowers the same steps to vector operations
// (jit_lowering.cpp), so all three round alike (glsl_math.cpp's GLSL follows the same order).
// `multiply(a, b)` is a * b, `reciprocal(v)` 1 / v.
template <class T, class Multiply, class Reciprocal>
T power_by_squaring(T u, int n, T one, Multiply multiply, Reciprocal reciprocal) {
  if (n < 0) return reciprocal(power_by_squaring(u, -n, one, multiply, reciprocal));
  T result = one, base = u;
  for (; n > 0; n >>= 1) {
    if (n & 1) result = multiply(result, base);
    base = multiply(base, base);
  }
  return result;
}

// u^n for doubles: defined for negative u, and the one routine every evaluator uses.
inline double integer_power(double u, int n) {
  return power_by_squaring(
      u, n, 1.0, [](double a, double b) { return a * b; }, [](double v) { return 1.0 / v; });
}

}  // namespace losscape::formula
