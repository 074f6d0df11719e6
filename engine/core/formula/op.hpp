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

// u^n by repeated squaring: defined for negative u, and the one routine every evaluator uses,
// so the scalar and the batched evaluator round alike.
inline double integer_power(double u, int n) {
  if (n < 0) return 1.0 / integer_power(u, -n);
  double result = 1.0, base = u;
  for (; n > 0; n >>= 1) {
    if (n & 1) result *= base;
    base *= base;
  }
  return result;
}

}  // namespace losscape::formula
