#pragma once
// Many starts of one optimizer moved in lockstep: each lane is a start of its own, with its own
// memory (momentum buffer, moving averages), and one call moves every lane by one step. The
// basin maps run on this: one call per step for hundreds of starts, in vectorised loops.
// A method offers lanes (Optimizer::lanes()) only where they give exactly the numbers of its
// scalar step() (optimizers/coordinate_rule.hpp says how that is guaranteed).
#include "engine/core/cost_function.hpp"

#include <cstddef>

namespace losscape {

class OptimizerLanes {
 public:
  static constexpr std::size_t kLanes = 256;

  virtual ~OptimizerLanes() = default;
  // Every lane starts afresh, as after Optimizer::reset().
  virtual void reset() = 0;
  // Step t (1 for the first after reset) of lanes [0, n), n <= kLanes: from (x, y), where the
  // gradient is (gx, gy), to (nx, ny). Returns whether any new point is not finite or outside `box`.
  virtual bool step(double t, const double* x, const double* y, const double* gx, const double* gy, double* nx,
                    double* ny, std::size_t n, const Domain& box) = 0;
  // Lane `to` takes over lane `from`'s memory (the running lanes are kept packed at the front).
  virtual void move(std::size_t from, std::size_t to) = 0;
};

}  // namespace losscape
