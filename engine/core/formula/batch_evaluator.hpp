#pragma once
// Value and gradient of a compiled formula for a block of points at once: the program runs
// instruction by instruction, each over the whole block, with the registers stored as arrays
// (structure of arrays). The inner loops are plain arithmetic over contiguous doubles, which
// the compiler vectorises; the basin maps evaluate millions of points through this.
// Results are identical to the scalar evaluator's (same operations, same order).
#include "engine/core/formula/program.hpp"

#include <cstddef>
#include <vector>

namespace losscape::formula {

class BatchEvaluator {
 public:
  static constexpr std::size_t kBlock = 64;

  BatchEvaluator(const Program& program, std::vector<double> parameters);

  // For n <= kBlock points: f, df/dx, df/dy. Longer arrays are done block by block.
  void evaluate(const double* x, const double* y, std::size_t n, double* f, double* gx, double* gy);

 private:
  void evaluate_block(const double* x, const double* y, std::size_t n);
  double* v(std::size_t i) { return &value_[i * kBlock]; }
  double* dx(std::size_t i) { return &dx_[i * kBlock]; }
  double* dy(std::size_t i) { return &dy_[i * kBlock]; }

  const Program& program_;
  std::vector<double> parameters_;
  std::vector<double> value_, dx_, dy_;  // registers: instruction i's lanes at [i * kBlock]
};

}  // namespace losscape::formula
