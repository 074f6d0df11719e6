#include "engine/core/formula/jit_lowering.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>

namespace losscape::formula::jit {

int LaneInstruction::source_count() const {
  int n = 0;
  while (n < kMaxSources && source[n] >= 0) ++n;
  return n;
}

double apply_lane_op(LaneOp op, double a, double b, double c, double d) {
  switch (op) {
    case LaneOp::add: return a + b;
    case LaneOp::sub: return a - b;
    case LaneOp::mul: return a * b;
    case LaneOp::div: return a / b;
    case LaneOp::neg: return -a;
    case LaneOp::abs: return StdMath::abs(a);
    case LaneOp::sqrt: return StdMath::sqrt(a);
    case LaneOp::sign: return StdMath::sign(a);
    case LaneOp::pick_le: return a <= b ? c : d;
    case LaneOp::pick_ge: return a >= b ? c : d;
    default: return a;
  }
}

namespace {

struct Dual {
  int v, gx, gy;
};

// A double's bits and back (by memcpy: the browser build's libc++ has no bit_cast).
std::uint64_t bits_of(double d) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &d, sizeof d);
  return bits;
}
double from_bits(std::uint64_t bits) {
  double d = 0;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

bool same_bits(double a, double b) { return bits_of(a) == bits_of(b); }

class Lowering {
 public:
  int constant(double c) {
    const auto bits = bits_of(c);
    if (const auto it = constants_.find(bits); it != constants_.end()) return it->second;
    const int id = table_value(TableEntry{c, -1}, c);
    constants_[bits] = id;
    return id;
  }
  int parameter(int index) {
    if (const auto it = parameters_.find(index); it != parameters_.end()) return it->second;
    const int id = table_value(TableEntry{0.0, index}, std::nullopt);
    parameters_[index] = id;
    return id;
  }
  int slot(int value) const { return out_.values[static_cast<std::size_t>(value)].table_slot; }

  // The value of `op` on these values: folded where all are known, an operand where the
  // operation is an exact identity (x * 1, x / 1, x - 0, x + -0: the same bits for every x but
  // NaN's payload), else a new lane instruction.
  int apply(LaneOp op, int a, int b = -1, int c = -1, int d = -1) {
    const int sources[4] = {a, b, c, d};
    double known[4] = {0, 0, 0, 0};
    const bool loads = op == LaneOp::load_x || op == LaneOp::load_y;
    if (!loads && all_known(sources, known)) return constant(apply_lane_op(op, known[0], known[1], known[2], known[3]));
    if (const int same = identity(op, a, b); same >= 0) return same;
    // 2 * u is u + u, bit for bit (both exact, or both overflow alike): an addition leaves the
    // multipliers, the busier units in a formula's derivatives, to the products.
    if (op == LaneOp::mul && (is(a, 2.0) || is(b, 2.0))) {
      const int u = is(a, 2.0) ? b : a;
      return apply(LaneOp::add, u, u);
    }
    out_.values.push_back({});
    const int result = static_cast<int>(out_.values.size()) - 1;
    out_.code.push_back(LaneInstruction{op, result, {a, b, c, d, -1, -1}});
    return result;
  }

  // `function` through apply_rule() (program.hpp) at every lane: a call from the kernel, or
  // folded here where every operand is known (the same C++ function, so the same bits).
  Dual call(Op function, double exponent, const Dual& a, const std::optional<Dual>& b) {
    const int sources[6] = {a.v, a.gx, a.gy, b ? b->v : -1, b ? b->gx : -1, b ? b->gy : -1};
    double known[6] = {0, 0, 0, 0, 0, 0};
    if (all_known(sources, known)) {
      const ad::Dual1 r =
          apply_rule(function, exponent, {known[0], known[1], known[2]}, {known[3], known[4], known[5]});
      return {constant(r.v), constant(r.gx), constant(r.gy)};
    }
    const int first = static_cast<int>(out_.values.size());
    out_.values.resize(out_.values.size() + 3);
    LaneInstruction in{LaneOp::call, first, {}, function, exponent};
    std::copy_n(sources, 6, in.source);
    out_.code.push_back(in);
    return {first, first + 1, first + 2};
  }

  void store(LaneOp op, int value) { out_.code.push_back(LaneInstruction{op, -1, {value, -1, -1, -1, -1, -1}}); }

  // integer_power(u, n) (op.hpp), its very steps, operation by operation (the last square,
  // unused, is dropped below).
  int integer_power(int u, int n) {
    return power_by_squaring(
        u, n, constant(1.0), [&](int a, int b) { return apply(LaneOp::mul, a, b); },
        [&](int v) { return apply(LaneOp::div, constant(1.0), v); });
  }

  LaneProgram finish() {
    out_.sign_mask_slot = slot(constant(-0.0));
    out_.abs_mask_slot = slot(constant(from_bits(~std::uint64_t{0} >> 1)));
    out_.zero_slot = slot(constant(0.0));
    out_.one_slot = slot(constant(1.0));
    out_.minus_one_slot = slot(constant(-1.0));
    drop_unused();
    return std::move(out_);
  }

 private:
  int table_value(TableEntry entry, std::optional<double> known) {
    out_.table.push_back(entry);
    out_.values.push_back(LaneValue{static_cast<int>(out_.table.size()) - 1, known});
    return static_cast<int>(out_.values.size()) - 1;
  }

  // Whether every operand (none: -1) is a known constant, with their values in `known`.
  template <std::size_t N>
  bool all_known(const int (&sources)[N], double (&known)[N]) const {
    for (std::size_t k = 0; k < N; ++k) {
      if (sources[k] < 0) continue;
      const auto& v = out_.values[static_cast<std::size_t>(sources[k])].known;
      if (!v) return false;
      known[k] = *v;
    }
    return true;
  }

  bool is(int value, double c) const {
    const auto& v = out_.values[static_cast<std::size_t>(value)].known;
    return v && same_bits(*v, c);
  }

  int identity(LaneOp op, int a, int b) const {
    switch (op) {
      case LaneOp::mul: return is(b, 1.0) ? a : is(a, 1.0) ? b : -1;
      case LaneOp::div: return is(b, 1.0) ? a : -1;
      case LaneOp::sub: return is(b, 0.0) ? a : -1;
      case LaneOp::add: return is(b, -0.0) ? a : is(a, -0.0) ? b : -1;
      default: return -1;
    }
  }

  // Removes the instructions no store needs (e.g. integer_power's last square).
  void drop_unused() {
    std::vector<bool> needed(out_.values.size(), false);
    std::vector<LaneInstruction> kept;
    for (std::size_t i = out_.code.size(); i-- > 0;) {
      const LaneInstruction& in = out_.code[i];
      bool used = in.result < 0;  // a store
      for (int k = 0; k < in.result_count(); ++k) used = used || needed[static_cast<std::size_t>(in.result + k)];
      if (!used) continue;
      for (int k = 0; k < in.source_count(); ++k) needed[static_cast<std::size_t>(in.source[k])] = true;
      kept.push_back(in);
    }
    out_.code.assign(kept.rbegin(), kept.rend());
  }

  LaneProgram out_;
  std::map<std::uint64_t, int> constants_;
  std::map<int, int> parameters_;
};

}  // namespace

std::optional<LaneProgram> lower(const Program& program) {
  if (program.code.empty()) return std::nullopt;
  Lowering l;
  std::vector<Dual> r;
  r.reserve(program.code.size());
  const int zero = l.constant(0.0), one = l.constant(1.0);
  int x = -1, y = -1;
  for (const Instruction& in : program.code) {
    // An instruction without an operand (-1: a constant, x, y, a parameter) reads zeros, never r[0],
    // which the first instruction does not have yet.
    const auto operand = [&](int index) {
      return index >= 0 ? r[static_cast<std::size_t>(index)] : Dual{zero, zero, zero};
    };
    const Dual a = operand(in.a), b = operand(in.b);
    const auto each = [&](LaneOp op) {
      return Dual{l.apply(op, a.v, b.v), l.apply(op, a.gx, b.gx), l.apply(op, a.gy, b.gy)};
    };
    // The chain rule with g'(u) = d: {g, d * u.gx, d * u.gy} (dual.hpp's chain()).
    const auto chain = [&](int g, int d) {
      return Dual{g, l.apply(LaneOp::mul, d, a.gx), l.apply(LaneOp::mul, d, a.gy)};
    };
    const auto pick = [&](LaneOp op) {
      return Dual{l.apply(op, a.v, b.v, a.v, b.v), l.apply(op, a.v, b.v, a.gx, b.gx),
                  l.apply(op, a.v, b.v, a.gy, b.gy)};
    };
    switch (in.op) {
      case Op::constant: r.push_back({l.constant(in.constant), zero, zero}); break;
      case Op::parameter: r.push_back({l.parameter(in.parameter), zero, zero}); break;
      case Op::x:
        if (x < 0) x = l.apply(LaneOp::load_x, -1);
        r.push_back({x, one, zero});
        break;
      case Op::y:
        if (y < 0) y = l.apply(LaneOp::load_y, -1);
        r.push_back({y, zero, one});
        break;
      case Op::neg:
        r.push_back({l.apply(LaneOp::neg, a.v), l.apply(LaneOp::neg, a.gx), l.apply(LaneOp::neg, a.gy)});
        break;
      case Op::add: r.push_back(each(LaneOp::add)); break;
      case Op::sub: r.push_back(each(LaneOp::sub)); break;
      case Op::mul: {
        const auto product = [&](int ag, int bg) {
          return l.apply(LaneOp::add, l.apply(LaneOp::mul, ag, b.v), l.apply(LaneOp::mul, a.v, bg));
        };
        r.push_back({l.apply(LaneOp::mul, a.v, b.v), product(a.gx, b.gx), product(a.gy, b.gy)});
        break;
      }
      case Op::div: {
        const int q = l.apply(LaneOp::div, a.v, b.v);
        const auto quotient = [&](int ag, int bg) {
          return l.apply(LaneOp::div, l.apply(LaneOp::sub, ag, l.apply(LaneOp::mul, q, bg)), b.v);
        };
        r.push_back({q, quotient(a.gx, b.gx), quotient(a.gy, b.gy)});
        break;
      }
      case Op::pow_int: {
        if (in.constant == 2.0) {  // batch_evaluator.cpp's case: d = 2a; a*a, d*a.gx, d*a.gy
          r.push_back(chain(l.apply(LaneOp::mul, a.v, a.v), l.apply(LaneOp::mul, l.constant(2.0), a.v)));
          break;
        }
        // elementary()'s rule: u^n and n u^(n-1), both by integer_power (|n| <= 64: compiler.cpp).
        const int n = static_cast<int>(in.constant);
        if (std::abs(n) > 64) {
          r.push_back(l.call(in.op, in.constant, a, std::nullopt));
          break;
        }
        r.push_back(
            chain(l.integer_power(a.v, n), l.apply(LaneOp::mul, l.constant(in.constant), l.integer_power(a.v, n - 1))));
        break;
      }
      case Op::min: r.push_back(pick(LaneOp::pick_le)); break;
      case Op::max: r.push_back(pick(LaneOp::pick_ge)); break;
      case Op::abs: r.push_back(chain(l.apply(LaneOp::abs, a.v), l.apply(LaneOp::sign, a.v))); break;
      case Op::sqrt: {
        const int s = l.apply(LaneOp::sqrt, a.v);
        r.push_back(chain(s, l.apply(LaneOp::div, l.constant(0.5), s)));
        break;
      }
      case Op::pow:
      case Op::atan2: r.push_back(l.call(in.op, in.constant, a, b)); break;
      default: r.push_back(l.call(in.op, in.constant, a, std::nullopt));
    }
  }
  l.store(LaneOp::store_f, r.back().v);
  l.store(LaneOp::store_gx, r.back().gx);
  l.store(LaneOp::store_gy, r.back().gy);
  return l.finish();
}

Table fill_table(const LaneProgram& lanes, const std::vector<double>& parameters, std::size_t width) {
  Table table(lanes.table.size() * width);
  for (std::size_t i = 0; i < lanes.table.size(); ++i) {
    const TableEntry& e = lanes.table[i];
    const double v = e.parameter >= 0 ? parameters[static_cast<std::size_t>(e.parameter)] : e.constant;
    std::fill_n(table.begin() + static_cast<std::ptrdiff_t>(i * width), width, v);
  }
  return table;
}

}  // namespace losscape::formula::jit
