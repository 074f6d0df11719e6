#pragma once
// Typed formulas compiled to x86-64 machine code: the basin maps and swarms evaluate a formula's
// value and gradient millions of times, and the interpreter (batch_evaluator.hpp) loads and
// stores every intermediate result; a kernel keeps them in vector registers. The program is
// lowered to lane operations (jit_lowering.hpp) and emitted with xbyak (jit_x86.cpp), 8 points
// at a time in zmm registers where the CPU has AVX-512, else 4 in ymm with AVX2. Results are the
// interpreter's bit for bit: the same IEEE operations in the same order, no fused multiply-adds.
//
// The functions with no lane code (sin, exp, log, pow, atan2, ...) are calls from the kernel to
// the interpreter's own rule (apply_rule() in program.hpp), lane by lane, with the registers'
// values kept on the stack across the call.
//
// No kernel (the interpreter runs) where the build has no xbyak or is not for x86-64 (the
// browser, ARM), the CPU has neither AVX2 nor AVX-512, or code generation fails (a program of
// more than 20,000 lane operations, or 256 KiB of spilled values). LOSSCAPE_JIT=0|avx2|avx512
// forces a path (tests, side-by-side benchmarks); it is read once, at first use.
#include "engine/core/formula/jit_lowering.hpp"
#include "engine/core/formula/jit_x86.hpp"
#include "engine/core/formula/program.hpp"
#include "engine/core/result.hpp"

#include <cstddef>
#include <memory>
#include <vector>

namespace losscape::formula {

enum class JitPath { none, avx2, avx512 };

// "0", "avx2", "avx512": LOSSCAPE_JIT's values.
const char* jit_path_name(JitPath path);
// The widest path this build and CPU have.
JitPath best_jit_path();
// LOSSCAPE_JIT's value (nullptr or empty when unset: `best`) to a path; a path wider than `best`
// or an unknown value is an error naming the valid ones.
Result<JitPath> parse_jit_path(const char* value, JitPath best);
// The process's path: LOSSCAPE_JIT and the CPU, read at the first call. An error where the
// variable is wrong (the command line refuses to start with it; elsewhere the interpreter runs).
const Result<JitPath>& jit_path();

// One formula's machine code: immutable once made, so threads share it.
class JitKernel {
 public:
  // Nothing where `path` is none or the program cannot be compiled (see above).
  static std::unique_ptr<const JitKernel> compile(const Program& program, JitPath path);
  ~JitKernel();
  JitKernel(const JitKernel&) = delete;
  JitKernel& operator=(const JitKernel&) = delete;

  JitPath path() const { return path_; }
  std::size_t width() const { return path_ == JitPath::avx512 ? 8 : 4; }  // points per vector
  std::size_t code_bytes() const;
  std::size_t spill_slots() const;

  // The constants and `parameters` as the kernel reads them; a parameter changed needs a new
  // table, not a new kernel.
  jit::Table table(const std::vector<double>& parameters) const;
  // f, df/dx and df/dy at n points, with a table from table().
  void evaluate(const jit::Table& table, const double* x, const double* y, std::size_t n, double* f, double* gx,
                double* gy) const;

 private:
  JitKernel(JitPath path, jit::LaneProgram lanes, std::unique_ptr<jit::MachineCode> code);
  JitPath path_;
  jit::LaneProgram lanes_;
  std::unique_ptr<jit::MachineCode> code_;
};

}  // namespace losscape::formula
