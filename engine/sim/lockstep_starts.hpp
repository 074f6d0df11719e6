#pragma once
// Many starts of one optimizer run in lockstep until each converges, diverges, leaves the domain,
// steps where f is undefined or reaches the step limit: what the basin maps are made of. Each
// step is one call to the optimizer's lanes, one batched evaluation of f and its gradient
// (CostFunction::evaluate_batch) and one vectorised pass judging every lane by take_step()'s
// rules; the results are exactly those of running each start on its own through take_step().
#include "engine/core/optimizer_lanes.hpp"
#include "engine/core/step_rules.hpp"

#include <atomic>
#include <cstdint>
#include <memory>

namespace losscape {

class LockstepStarts {
 public:
  static constexpr std::size_t kLanes = OptimizerLanes::kLanes;

  LockstepStarts(const CostFunction& cost, std::unique_ptr<OptimizerLanes> lanes, std::size_t max_steps,
                 const StepLimits& limits, const std::atomic<bool>* cancel);

  // For each of the n starts: where it ended, the steps it took and how it ended. Returns early,
  // with the results incomplete, when `cancel` is set.
  void run(const glm::dvec2* starts, std::size_t n, glm::dvec2* end, std::uint32_t* steps, BallStatus* status);

 private:
  struct Outputs {
    glm::dvec2* end;
    std::uint32_t* steps;
    BallStatus* status;
  };
  void run_lanes(const glm::dvec2* starts, std::size_t n, Outputs out);
  // Lane a ends at `end` with `outcome` after `steps` steps; the last running lane takes its place.
  void finish(std::size_t a, BallStatus outcome, std::size_t steps, glm::dvec2 end, Outputs out);
  void finish_undefined_starts(Outputs out);
  void finish_lanes_outside_the_box(std::size_t steps, Outputs out);
  // take_step()'s judgement, lane by lane, of the lanes the vectorised pass flagged.
  void judge_flagged_lanes(std::size_t steps, Outputs out);

  const CostFunction& cost_;
  std::unique_ptr<OptimizerLanes> lanes_;
  std::size_t max_steps_;
  StepLimits limits_;
  const std::atomic<bool>* cancel_;
  Domain domain_, box_;     // box: beyond it a step has diverged
  std::size_t active_ = 0;  // lanes [0, active_) are running
  // The arrays below start on cache lines, and one line more than the lanes apart: 2 KiB apart,
  // each pass's loads and stores would all fall at the same offsets in 4 KiB pages, which the
  // CPU mistakes for a store feeding a load (4K aliasing) and stalls on.
  static constexpr std::size_t kPadded = kLanes + 8;
  // Per lane: position (x, y), the gradient there, the proposed next position (nx, ny) and f
  // there, its steps in a row outside the domain, whether the vectorised pass flagged it, and
  // which start it is. The positions take turns in two buffers: a step writes the new points
  // beside the old ones, and once judged, the new ones become current without a copy.
  double *x_ = nullptr, *y_ = nullptr, *nx_ = nullptr, *ny_ = nullptr;
  alignas(64) double position_x_[2][kPadded], position_y_[2][kPadded];
  alignas(64) double gx_[kPadded], gy_[kPadded], f_[kPadded];
  alignas(64) double outside_[kPadded];
  alignas(64) std::int64_t flagged_[kPadded];
  std::size_t id_[kLanes];
};

}  // namespace losscape
