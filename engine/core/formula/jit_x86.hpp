#pragma once
// The second half of the formula JIT (formula_jit.hpp): a lane program (jit_lowering.hpp) as
// x86-64 machine code, with its values in vector registers (a linear scan over the program;
// where registers run out, the value used farthest ahead goes to a stack slot). Built with
// xbyak where the build has it (LOSSCAPE_HAVE_XBYAK), else nothing is ever emitted.
#include "engine/core/formula/jit_lowering.hpp"

#include <cstddef>
#include <memory>

namespace losscape::formula::jit {

// What a kernel is called with: `vectors` whole vectors of points (4 or 8 each).
struct KernelArgs {
  const double* x;
  const double* y;
  double* f;
  double* gx;
  double* gy;
  const double* table;  // fill_table()'s, at the kernel's width
  std::size_t vectors;
};

class MachineCode {
 public:
  virtual ~MachineCode() = default;
  virtual void run(const KernelArgs& args) const = 0;
  virtual std::size_t bytes() const = 0;
  virtual std::size_t spill_slots() const = 0;
};

// Whether the CPU (and the operating system) can run each width's code; false without xbyak.
bool cpu_runs_avx2();
bool cpu_runs_avx512();

// The kernel for `width` 4 (AVX2, ymm) or 8 (AVX-512, zmm), or nothing where code generation
// fails (too long a program, too many spills, no xbyak). One vector a loop step: two or four
// interleaved (each instruction emitted once per vector) measured 10% faster in a loop of their
// own but 20% slower in the basin map (before the table was put on cache lines, which may have
// been part of it), so the simpler code stayed.
std::unique_ptr<MachineCode> emit_x86(const LaneProgram& lanes, std::size_t width);

}  // namespace losscape::formula::jit
