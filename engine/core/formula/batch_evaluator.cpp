#include "engine/core/formula/batch_evaluator.hpp"

#include "engine/core/vector_clones.hpp"

#include <algorithm>

namespace losscape::formula {

BatchEvaluator::BatchEvaluator(const Program& program, std::vector<double> parameters)
    : program_(program),
      parameters_(std::move(parameters)),
      value_(program.code.size() * kBlock),
      dx_(program.code.size() * kBlock),
      dy_(program.code.size() * kBlock) {
  // What no block changes is written once: constants and parameters, and the derivatives of x
  // and y (evaluate_block() copies only the coordinates themselves).
  for (std::size_t i = 0; i < program_.code.size(); ++i) {
    const Instruction& in = program_.code[i];
    const bool fixed = in.op == Op::constant || in.op == Op::parameter;
    if (!fixed && in.op != Op::x && in.op != Op::y) continue;
    const double c = in.op == Op::constant    ? in.constant
                     : in.op == Op::parameter ? parameters_[static_cast<std::size_t>(in.parameter)]
                                              : 0.0;
    std::fill_n(v(i), kBlock, c);
    std::fill_n(dx(i), kBlock, in.op == Op::x ? 1.0 : 0.0);
    std::fill_n(dy(i), kBlock, in.op == Op::y ? 1.0 : 0.0);
  }
}

void BatchEvaluator::evaluate(const double* x, const double* y, std::size_t n, double* f, double* gx, double* gy) {
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t count = std::min(kBlock, n - start);
    evaluate_block(x + start, y + start, count);
    const std::size_t last = program_.code.size() - 1;
    std::copy_n(v(last), count, f + start);
    std::copy_n(dx(last), count, gx + start);
    std::copy_n(dy(last), count, gy + start);
  }
}

// The loops below vectorise, at each CPU's width (vector_clones.hpp), with the very operations
// of the scalar evaluator, so they give its numbers.
LOSSCAPE_VECTOR_CLONES void BatchEvaluator::evaluate_block(const double* x, const double* y, std::size_t n) {
  for (std::size_t i = 0; i < program_.code.size(); ++i) {
    const Instruction& in = program_.code[i];
    double* __restrict ov = v(i);
    double* __restrict ox = dx(i);
    double* __restrict oy = dy(i);
    const auto a = static_cast<std::size_t>(std::max(in.a, 0));
    const auto b = static_cast<std::size_t>(std::max(in.b, 0));
    const double* av = v(a);
    const double* ax = dx(a);
    const double* ay = dy(a);
    const double* bv = v(b);
    const double* bx = dx(b);
    const double* by = dy(b);
    // A result's registers never overlap its operands' (earlier instructions'), which GCC cannot
    // see: `ivdep` lets it vectorise the loops below without run-time overlap checks.
    switch (in.op) {
      case Op::constant:
      case Op::parameter: break;  // written by the constructor
      case Op::x:
        std::copy_n(x, n, ov);  // its derivatives were written by the constructor
        break;
      case Op::y: std::copy_n(y, n, ov); break;
      case Op::neg:
#pragma GCC ivdep
        for (std::size_t k = 0; k < n; ++k) ov[k] = -av[k], ox[k] = -ax[k], oy[k] = -ay[k];
        break;
      case Op::add:
#pragma GCC ivdep
        for (std::size_t k = 0; k < n; ++k) ov[k] = av[k] + bv[k], ox[k] = ax[k] + bx[k], oy[k] = ay[k] + by[k];
        break;
      case Op::sub:
#pragma GCC ivdep
        for (std::size_t k = 0; k < n; ++k) ov[k] = av[k] - bv[k], ox[k] = ax[k] - bx[k], oy[k] = ay[k] - by[k];
        break;
      case Op::mul:
#pragma GCC ivdep
        for (std::size_t k = 0; k < n; ++k) {
          ov[k] = av[k] * bv[k];
          ox[k] = ax[k] * bv[k] + av[k] * bx[k];
          oy[k] = ay[k] * bv[k] + av[k] * by[k];
        }
        break;
      case Op::div:
#pragma GCC ivdep
        for (std::size_t k = 0; k < n; ++k) {
          const double q = av[k] / bv[k];
          ov[k] = q;
          ox[k] = (ax[k] - q * bx[k]) / bv[k];
          oy[k] = (ay[k] - q * by[k]) / bv[k];
        }
        break;
      case Op::pow_int:
        if (in.constant == 2.0) {  // the commonest case, as integer_power(u, 2) computes it
#pragma GCC ivdep
          for (std::size_t k = 0; k < n; ++k) {
            const double d = 2.0 * av[k];
            ov[k] = av[k] * av[k];
            ox[k] = d * ax[k];
            oy[k] = d * ay[k];
          }
          break;
        }
        [[fallthrough]];
      default:
        // Everything else goes lane by lane through the scalar evaluator's own rules.
        for (std::size_t k = 0; k < n; ++k) {
          const ad::Dual1 r = apply_rule(in.op, in.constant, {av[k], ax[k], ay[k]}, {bv[k], bx[k], by[k]});
          ov[k] = r.v, ox[k] = r.gx, oy[k] = r.gy;
        }
    }
  }
}

}  // namespace losscape::formula
