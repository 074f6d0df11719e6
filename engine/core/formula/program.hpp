#pragma once
// A compiled formula: a flat list of instructions in evaluation order, each reading earlier
// results by index (static single assignment). Constant sub-expressions are folded at compile
// time. evaluate<T>() runs it on double, ad::Dual1 or ad::Dual2.
#include "engine/core/formula/derivative_rules.hpp"
#include "engine/core/formula/dual.hpp"
#include "engine/core/formula/op.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace losscape::formula {

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
    case Op::pow:
    case Op::atan2: {
      const BinaryRule<double> r = binary_rule(op, value(a), value(b), StdMath{});
      return ad::chain2(a, b, {r.f, r.fa, r.fb, r.faa, r.fab, r.fbb});
    }
    default: return a;
  }
}

// An instruction's value and gradient through the scalar rules, for the operations that the
// batch evaluator and the JIT do not write out lane by lane (the elementary functions, pow,
// atan2, min, max, other integer powers): both call this, so they round alike.
inline ad::Dual1 apply_rule(Op op, double exponent, const ad::Dual1& a, const ad::Dual1& b) {
  if (op == Op::min || op == Op::max || op == Op::pow || op == Op::atan2) return apply_binary(op, a, b);
  const Derivatives d = elementary(op, a.v, exponent);
  return ad::chain(a, d.f0, d.f1, d.f2);
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
