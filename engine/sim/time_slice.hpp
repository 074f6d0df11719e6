#pragma once
// Long computations that can stop part-way and go on where they stopped. Where no thread can
// start (a browser page: worker_threads.hpp) a basin map is computed a slice of each frame, so
// the frame that asks for one does not freeze until it is done (background_job.hpp). Such a
// computation looks at over() between units of its work (a row of a basin map) and pauses when
// it says so; a slice with no end never says so: on a worker thread work runs to its end.
#include <chrono>
#include <optional>

namespace losscape {

struct TimeSlice {
  using Clock = std::chrono::steady_clock;
  std::optional<Clock::time_point> until;  // none: no end

  static TimeSlice from_now(Clock::duration budget) { return {Clock::now() + budget}; }
  bool over() const { return until && Clock::now() >= *until; }
};

// How a call of resumable work ended: paused means "call me again (with the same output) to go on".
enum class TaskEnd { finished, cancelled, paused };

}  // namespace losscape
