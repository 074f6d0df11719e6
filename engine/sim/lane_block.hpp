#pragma once
// Up to OptimizerLanes::kLanes runs of one optimizer moved in lockstep and judged by take_step()'s
// rules: one call to the optimizer's lanes, one batched evaluation of f and its gradient
// (CostFunction::evaluate_batch) and one vectorised pass judging every lane per step. A run that
// ends (converged, diverged, undefined, left the domain) is reported in ended() and leaves the
// block; the running ones stay packed at the front. Both the basin maps (lockstep_starts.hpp: each
// start to its end) and the CPU's big swarms (lane_swarm.hpp: every member a step at a time) are
// made of these, so a map's start and a swarm member end exactly as a Ball does.
#include "engine/core/optimizer_lanes.hpp"
#include "engine/core/step_rules.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace losscape {

class LaneBlock {
 public:
  static constexpr std::size_t kLanes = OptimizerLanes::kLanes;

  // How a run ended: where (its last good point, f and gradient there, as take_step() leaves a
  // ball's TrackedPoint), after how many steps, with which status.
  struct Ended {
    std::uint32_t run;  // its index in start()'s starts
    BallStatus status;
    std::uint32_t steps;
    TrackedPoint point;
    glm::dvec2 from;  // where it was before its last step (its start, for one that ended there)
  };

  LaneBlock(const CostFunction& cost, std::unique_ptr<OptimizerLanes> lanes, const StepLimits& limits);

  // Runs 0 .. n-1 (n <= kLanes) from `starts`, the method's memory fresh; a start where f is not
  // defined ends at once (ended()).
  void start(const glm::dvec2* starts, std::size_t n);
  // Step `taken` + 1 of every running lane (each has taken `taken` steps).
  void step(std::size_t taken);

  // The runs that ended in the last start() or step(), in the order they were judged.
  const Ended* ended() const { return ended_.data(); }
  std::size_t ended_count() const { return ended_.size(); }

  // Lanes [0, running()) are running: lane a is run run_of(a), at (x(a), y(a)) where f is value(a)
  // with gradient (gx(a), gy(a)), and was at (previous_x(a), previous_y(a)) before the last step.
  std::size_t running() const { return active_; }
  std::uint32_t run_of(std::size_t a) const { return id_[a]; }
  double x(std::size_t a) const { return x_[a]; }
  double y(std::size_t a) const { return y_[a]; }
  double previous_x(std::size_t a) const { return nx_[a]; }
  double previous_y(std::size_t a) const { return ny_[a]; }
  double value(std::size_t a) const { return f_[a]; }
  double gx(std::size_t a) const { return gx_[a]; }
  double gy(std::size_t a) const { return gy_[a]; }
  std::size_t steps_outside_domain(std::size_t a) const { return static_cast<std::size_t>(outside_[a]); }

 private:
  // Lane a ends with `outcome` after `steps` steps at `point`; the last running lane takes its place.
  void finish(std::size_t a, BallStatus outcome, std::size_t steps, const TrackedPoint& point);
  void finish_undefined_starts();
  void finish_lanes_outside_the_box(std::size_t steps);
  // take_step()'s judgement, lane by lane, of the lanes the vectorised pass flagged.
  void judge_flagged_lanes(std::size_t steps);

  const CostFunction& cost_;
  std::unique_ptr<OptimizerLanes> lanes_;
  StepLimits limits_;
  Domain domain_, box_;     // box: beyond it a step has diverged
  double step_tolerance_;   // take_step()'s, in domain units
  std::size_t active_ = 0;  // lanes [0, active_) are running
  // The arrays below start on cache lines, and one line more than the lanes apart: 2 KiB apart,
  // each pass's loads and stores would all fall at the same offsets in 4 KiB pages, which the
  // CPU mistakes for a store feeding a load (4K aliasing) and stalls on.
  static constexpr std::size_t kPadded = kLanes + 8;
  // Per lane: position (x, y), f and the gradient there, the proposed next position (nx, ny) and
  // f and the gradient there, its steps in a row outside the domain, whether the vectorised pass
  // flagged it, and which run it is. Points and their values take turns in two buffers: a step
  // writes the new ones beside the old ones, and once judged, the new ones become current without
  // a copy (and the old ones stay, for a run that ends where it was and for previous_x()).
  double *x_ = nullptr, *y_ = nullptr, *nx_ = nullptr, *ny_ = nullptr;
  double *f_ = nullptr, *gx_ = nullptr, *gy_ = nullptr, *nf_ = nullptr, *ngx_ = nullptr, *ngy_ = nullptr;
  alignas(64) double position_x_[2][kPadded], position_y_[2][kPadded];
  alignas(64) double value_[2][kPadded], gradient_x_[2][kPadded], gradient_y_[2][kPadded];
  alignas(64) double outside_[kPadded];
  alignas(64) std::int64_t flagged_[kPadded];
  std::uint32_t id_[kLanes];
  // Grown only as far as one step needs: a million swarm members' blocks would otherwise hold
  // 20 KiB each for the rare step in which all their runs end.
  std::vector<Ended> ended_;
};

}  // namespace losscape
