#pragma once
// The few tensor operations torch.optim's update rules are written in, with the same order of
// floating-point operations as PyTorch's CPU kernels, so a trajectory computed here agrees with
// one computed by torch.optim (float64) to rounding. Element-wise, so written for one coordinate.
#include "engine/core/optimizers/exact_fma.hpp"

#include <cmath>

namespace losscape::torch_ops {

// PyTorch's CPU kernels fuse these multiply-adds (one rounding, not two): checked bit for bit
// against torch 1.13 on x86-64, add(alpha) == fma(alpha, other, self) and
// addcmul == fma(value * t1, t2, self). std::fma rounds once on every platform; WebAssembly has
// no instruction for it, and there the emulation in exact_fma.hpp gives the same bits, faster.
inline double fused(double a, double b, double c) {
#if defined(__EMSCRIPTEN__)
  return exact_fma::fma(a, b, c);
#else
  return std::fma(a, b, c);
#endif
}

// self.add(other, alpha=a)  ->  self + a * other
inline double add(double self, double other, double alpha) { return fused(alpha, other, self); }
// self.addcmul(t1, t2, value=v)  ->  self + (v * t1) * t2
inline double addcmul(double self, double t1, double t2, double value) { return fused(value * t1, t2, self); }
// self.addcdiv(t1, t2, value=v)  ->  self + v * t1 / t2   (evaluated (v * t1) / t2)
inline double addcdiv(double self, double t1, double t2, double value) { return self + (value * t1) / t2; }

// torch.amax of two values: the larger, and NaN if either is NaN (std::max would drop a NaN in b).
inline double amax(double a, double b) { return a > b || std::isnan(a) ? a : b; }
// x.clamp(lo, hi): NaN stays NaN, and lo > hi gives hi, as torch's min(max(x, lo), hi) does.
inline double clamp(double x, double lo, double hi) {
  const double at_least_lo = x < lo ? lo : x;
  return at_least_lo > hi ? hi : at_least_lo;
}
// x.sign(): -1, 0 or 1 (0 for NaN, as torch 1.13's CPU kernel gives).
inline double sign(double x) { return static_cast<double>(x > 0.0) - static_cast<double>(x < 0.0); }
// torch.tensor(python_float) is a float32 tensor: torch 1.13 keeps some optimizer state that way
// (NAdam's mu_product, ASGD's eta and mu), so those values are rounded to float each time they are
// stored, and arithmetic on them is float arithmetic (a float product is exact in double, so
// rounding the double product once gives the float product).
inline double float32(double x) { return static_cast<double>(static_cast<float>(x)); }

}  // namespace losscape::torch_ops
