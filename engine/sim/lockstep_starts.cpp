#include "engine/sim/lockstep_starts.hpp"

#include <algorithm>
#include <utility>

namespace losscape {

LockstepStarts::LockstepStarts(const CostFunction& cost, std::unique_ptr<OptimizerLanes> lanes, std::size_t max_steps,
                               const StepLimits& limits, const std::atomic<bool>* cancel)
    : block_(cost, std::move(lanes), limits), max_steps_(max_steps), cancel_(cancel) {}

void LockstepStarts::run(const glm::dvec2* starts, std::size_t n, glm::dvec2* end, std::uint32_t* steps,
                         BallStatus* status) {
  for (std::size_t first = 0; first < n; first += kLanes) {
    run_lanes(starts + first, std::min(kLanes, n - first), {end + first, steps + first, status + first});
  }
}

void LockstepStarts::run_lanes(const glm::dvec2* starts, std::size_t n, Outputs out) {
  block_.start(starts, n);
  write_ended(out);
  std::size_t step = 0;
  for (; step < max_steps_ && block_.running() > 0; ++step) {
    if (cancel_ && step % 64 == 0 && cancel_->load(std::memory_order_relaxed)) return;  // prompt
    block_.step(step);
    write_ended(out);
  }
  for (std::size_t a = 0; a < block_.running(); ++a) {  // at the step limit
    const std::size_t k = block_.run_of(a);
    out.end[k] = {block_.x(a), block_.y(a)};
    out.steps[k] = static_cast<std::uint32_t>(step);
    out.status[k] = BallStatus::running;
  }
}

void LockstepStarts::write_ended(Outputs out) const {
  for (std::size_t e = 0; e < block_.ended_count(); ++e) {
    const LaneBlock::Ended& ended = block_.ended()[e];
    out.end[ended.run] = ended.point.position;
    out.steps[ended.run] = ended.steps;
    out.status[ended.run] = ended.status;
  }
}

}  // namespace losscape
