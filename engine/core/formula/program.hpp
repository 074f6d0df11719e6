#pragma once
// A compiled formula: a flat list of instructions in evaluation order, each reading earlier
// results by index (static single assignment). Constant sub-expressions are folded at compile
// time. evaluate<T>() runs it on double, ad::Dual1 or ad::Dual2.
#include "engine/core/formula/dual.hpp"

#include <cmath>
#include <string>
#include <vector>

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

struct Instruction {
  Op op = Op::constant;
  int a = -1, b = -1;   // operand indices into earlier results
  double constant = 0;  // Op::constant's value; pow_int / pow_real's exponent
  int parameter = -1;   // Op::parameter's index
};

struct Program {
  std::vector<Instruction> code;  // the last instruction's result is f
  std::vector<std::string> parameter_names;
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

// The unary elementary functions: value and first two derivatives at u.
struct Derivatives {
  double f0, f1, f2;
};
Derivatives elementary(Op op, double u, double exponent);

template <typename T>
T apply_binary(Op op, const T& a, const T& b) {
  using ad::value;
  switch (op) {
    case Op::add: return a + b;
    case Op::sub: return a - b;
    case Op::mul: return a * b;
    case Op::div: return a / b;
    case Op::min: return value(a) <= value(b) ? a : b;  // the derivative of the branch taken
    case Op::max: return value(a) >= value(b) ? a : b;
    case Op::pow: {
      // a^b with both variable: defined for a > 0 (use ^ with a constant exponent otherwise).
      const double av = value(a), bv = value(b), p = std::pow(av, bv), l = std::log(av);
      return ad::chain2(a, b,
                        {p, bv * p / av, p * l, bv * (bv - 1.0) * p / (av * av), p / av * (1.0 + bv * l), p * l * l});
    }
    case Op::atan2: {
      const double av = value(a), bv = value(b), r2 = av * av + bv * bv, r4 = r2 * r2;
      return ad::chain2(
          a, b,
          {std::atan2(av, bv), bv / r2, -av / r2, -2.0 * av * bv / r4, (av * av - bv * bv) / r4, 2.0 * av * bv / r4});
    }
    default: return a;
  }
}

template <typename T>
T evaluate(const Program& program, double x, double y, const std::vector<double>& parameters,
           std::vector<T>& registers) {
  registers.resize(program.code.size());
  for (std::size_t i = 0; i < program.code.size(); ++i) {
    const Instruction& in = program.code[i];
    T& out = registers[i];
    switch (in.op) {
      case Op::constant: out = ad::constant<T>(in.constant); break;
      case Op::x: out = ad::variable_x<T>(x); break;
      case Op::y: out = ad::variable_y<T>(y); break;
      case Op::parameter: out = ad::constant<T>(parameters[static_cast<std::size_t>(in.parameter)]); break;
      case Op::neg: out = -registers[static_cast<std::size_t>(in.a)]; break;
      case Op::add:
      case Op::sub:
      case Op::mul:
      case Op::div:
      case Op::min:
      case Op::max:
      case Op::pow:
      case Op::atan2:
        out = apply_binary(in.op, registers[static_cast<std::size_t>(in.a)], registers[static_cast<std::size_t>(in.b)]);
        break;
      default: {
        const T& u = registers[static_cast<std::size_t>(in.a)];
        const Derivatives d = elementary(in.op, ad::value(u), in.constant);
        out = ad::chain(u, d.f0, d.f1, d.f2);
      }
    }
  }
  return registers.empty() ? T{} : registers.back();
}

}  // namespace losscape::formula
