#pragma once
// Many starts of one optimizer run in lockstep until each converges, diverges, leaves the domain,
// steps where f is undefined or reaches the step limit: what the basin maps are made of. Each
// block of OptimizerLanes::kLanes starts is a LaneBlock (lane_block.hpp: one call to the
// optimizer's lanes, one batched evaluation and one vectorised judging pass per step); the results
// are exactly those of running each start on its own through take_step().
#include "engine/sim/lane_block.hpp"

#include <atomic>
#include <cstdint>
#include <memory>

namespace losscape {

class LockstepStarts {
 public:
  static constexpr std::size_t kLanes = LaneBlock::kLanes;

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
  void write_ended(Outputs out) const;

  LaneBlock block_;
  std::size_t max_steps_;
  const std::atomic<bool>* cancel_;
};

}  // namespace losscape
