#pragma once
// The first half of the formula JIT (formula_jit.hpp): a compiled formula's program lowered to
// lane operations, one per IEEE operation the batch evaluator does for a point, each on a whole
// vector of points. A program instruction becomes the operations computing its value and its two
// derivatives, exactly as batch_evaluator.cpp and the derivative rules compute them, in values
// the x86 back end (jit_x86.cpp) keeps in vector registers. Operations whose operands are all
// known constants are done here (the same IEEE operation, so the same bits), multiplications by
// 1 and other exact identities are dropped, and so is what no output uses.
// No x86 here: the lowering is tested on every machine.
#include "engine/core/formula/program.hpp"

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <vector>

namespace losscape::formula::jit {

enum class LaneOp {
  load_x,   // the points' x
  load_y,   // the points' y
  add,      // a + b
  sub,      // a - b
  mul,      // a * b
  div,      // a / b
  neg,      // -a (the sign bit flipped)
  abs,      // |a| (the sign bit cleared)
  sqrt,     // sqrt(a), IEEE exact
  sign,     // 1 where a > 0, -1 where a < 0, else 0 (abs's derivative, StdMath::sign)
  pick_le,  // a <= b ? c : d (false where either is NaN: min's branch)
  pick_ge,  // a >= b ? c : d (max's)
  call,     // apply_rule(function, ...) lane by lane: a C++ function the kernel calls, for the
            // functions with no lane code (sin, exp, pow, ...); sources a.v a.gx a.gy b.v b.gx b.gy,
            // results the three values from `result` on
  store_f,  // the outputs: a
  store_gx,
  store_gy,
};

// A value the kernel works with: a table entry (a constant or a parameter, read from the table
// the kernel is given) or the result of one lane operation.
struct LaneValue {
  int table_slot = -1;          // >= 0: the value is this table entry's
  std::optional<double> known;  // a constant known when compiling (table entries only)
};

struct TableEntry {
  double constant = 0;  // when parameter < 0
  int parameter = -1;   // the program's parameter index
};

struct LaneInstruction {
  static constexpr int kMaxSources = 6;
  LaneOp op = LaneOp::add;
  int result = -1;  // a value index (none for stores)
  int source[kMaxSources] = {-1, -1, -1, -1, -1, -1};
  Op function = Op::constant;  // a call's
  double constant = 0;         // a call's exponent (pow_int, pow_real)
  int source_count() const;
  int result_count() const { return result < 0 ? 0 : op == LaneOp::call ? 3 : 1; }
};

struct LaneProgram {
  std::vector<LaneValue> values;
  std::vector<LaneInstruction> code;  // in order; ends with the three stores
  std::vector<TableEntry> table;
  int sign_mask_slot = -1, abs_mask_slot = -1;             // -0.0 and 0x7fff...f, for neg and abs
  int zero_slot = -1, one_slot = -1, minus_one_slot = -1;  // for sign
};

// The lane program of `program`; nothing for an empty program.
std::optional<LaneProgram> lower(const Program& program);

// One lane operation on one number: constant folding, and the tests' reference.
double apply_lane_op(LaneOp op, double a, double b, double c, double d);

// Memory on 64-byte boundaries: a kernel's table entries are whole vectors, read as operands,
// and an entry across two cache lines costs two reads (and a basin map's 0.21 s of CPU 0.25).
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{64})); }
  void deallocate(T* p, std::size_t) { ::operator delete (p, std::align_val_t{64}); }
  bool operator==(const CacheLineAllocator&) const = default;
};
using Table = std::vector<double, CacheLineAllocator<double>>;

// The table with `parameters` in place, each entry repeated `width` times.
Table fill_table(const LaneProgram& lanes, const std::vector<double>& parameters, std::size_t width);

}  // namespace losscape::formula::jit
