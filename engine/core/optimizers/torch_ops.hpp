#pragma once
// The few tensor operations torch.optim's update rules are written in, with the same order of
// floating-point operations as PyTorch's CPU kernels, so a trajectory computed here agrees with
// one computed by torch.optim (float64) to rounding. Element-wise, so written for one coordinate.
#include <cmath>

namespace losscape::torch_ops {

// PyTorch's CPU kernels fuse these multiply-adds (one rounding, not two): checked bit for bit
// against torch 1.13 on x86-64, add(alpha) == fma(alpha, other, self) and
// addcmul == fma(value * t1, t2, self). std::fma rounds once on every platform.

// self.add(other, alpha=a)  ->  self + a * other
inline double add(double self, double other, double alpha) { return std::fma(alpha, other, self); }
// self.addcmul(t1, t2, value=v)  ->  self + (v * t1) * t2
inline double addcmul(double self, double t1, double t2, double value) { return std::fma(value * t1, t2, self); }
// self.addcdiv(t1, t2, value=v)  ->  self + v * t1 / t2   (evaluated (v * t1) / t2)
inline double addcdiv(double self, double t1, double t2, double value) { return self + (value * t1) / t2; }

}  // namespace losscape::torch_ops
