#pragma once
// How many threads a computation may start. A browser page built without threads (so that it
// runs from any static host: threads need cross-origin isolation headers) cannot start a
// std::thread at all, so there the answer is 0: work runs on the caller's thread, and
// BackgroundJob runs its tasks on the frame loop, a slice of each frame (background_job.hpp).
#include <algorithm>
#include <thread>
#include <vector>

namespace losscape {

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
inline constexpr bool kCanStartThreads = false;
#else
inline constexpr bool kCanStartThreads = true;
#endif

// The threads a computation that wants every core may use, the caller's own included (at least 1).
inline unsigned hardware_threads() { return kCanStartThreads ? std::max(1u, std::thread::hardware_concurrency()) : 1u; }

// The threads to run with when `asked` for (0: every core): 1 where none can start.
inline unsigned threads_to_use(unsigned asked) {
  if (!kCanStartThreads) return 1;
  return asked ? asked : hardware_threads();
}

// Runs `work` on `threads` threads at once, the caller's among them (only the caller's where none
// can start), and returns once every one has returned. `work` shares the job out itself (an
// atomic counter of rows, pieces or blocks), so a thread that finishes early takes the next.
template <class Work>
void run_on_threads(unsigned threads, const Work& work) {
  std::vector<std::thread> pool;
  if constexpr (kCanStartThreads) {
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  }
  work();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace losscape
