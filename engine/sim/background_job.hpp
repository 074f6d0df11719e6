#pragma once
// Long computations (basin maps, learning-rate sweeps) off the frame loop. One worker thread runs
// the newest request: request() cancels the task running now (its inputs are obsolete), queue()
// lets it finish first (while a slider is dragged, finishing maps keep the picture moving where
// cancelling each frame would show nothing until the drag ends). Either way an older request not
// yet started is dropped. Nothing here ever makes the caller wait for a computation: the worker
// holds the mutex for a few instructions at a time. The destructor cancels and joins.
// Where no thread can start (a browser page: worker_threads.hpp), there is no worker: the running
// task goes on in take_result(), which the frame loop calls once a frame, for a slice of
// kSliceBudget (time_slice.hpp), with the same request/queue/cancel semantics. A frame
// then waits a slice, not a whole basin map (docs/web.md).
#include "engine/sim/time_slice.hpp"
#include "engine/sim/worker_threads.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace losscape {

// Where a BackgroundJob's tasks run. Tests ask for slices on the desktop too, to try the
// browser's way of running.
enum class RunTasks { on_worker_thread, in_slices_on_caller };
// On a worker thread where threads can start (worker_threads.hpp), else in slices.
inline constexpr RunTasks kRunTasksHere = kCanStartThreads ? RunTasks::on_worker_thread : RunTasks::in_slices_on_caller;

// A frame's time for background work in slices: half a 60 Hz frame (16.7 ms), so that the page's
// own work (the simulation, drawing) keeps the other half and the page stays smooth while a map
// is computed; a longer slice would finish maps sooner and drop frames. A task goes past its
// slice by at most one unit of its work (a map's row). Jobs busy at once share it (BasinAnalysis).
inline constexpr std::chrono::milliseconds kSliceBudget{8};

template <class Result>
class BackgroundJob {
 public:
  // Works on `out` until it is filled (finished), `cancel` is set (cancelled; promptly, please)
  // or `slice` is over (paused): a paused task is called again with the same `out`, `cancel` and
  // `progress`, and goes on. What else it needs to go on it keeps in itself: a task is moved
  // about but never copied once called. A task on the worker thread gets a slice with no end.
  using Task = std::function<TaskEnd(Result& out, const std::atomic<bool>& cancel, std::atomic<double>& progress,
                                     const TimeSlice& slice)>;

  // (Slices wherever no thread can start, whatever is asked for.)
  explicit BackgroundJob(RunTasks run = kRunTasksHere)
      : slices_(run == RunTasks::in_slices_on_caller || !kCanStartThreads) {
    if (!slices_) worker_ = std::thread([this] { loop(); });  // once every member exists
  }
  ~BackgroundJob() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      quit_ = true;
      pending_.reset();
      cancel_ = true;
    }
    wake_.notify_one();
    if (worker_.joinable()) worker_.join();
  }
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;

  // Runs `task` next, cancelling whatever runs now.
  void request(Task task) { submit(std::move(task), true); }
  // Runs `task` once whatever runs now has finished.
  void queue(Task task) { submit(std::move(task), false); }
  // Stops the running task and drops a pending one; the last finished result stays available.
  void cancel() {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.reset();
    cancel_ = true;
  }
  // True while a result is on its way: from request() until its task has finished or been
  // cancelled (in slices, a paused task is running).
  bool busy() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return (running_ && !cancel_) || pending_.has_value();
  }
  double progress() const { return progress_.load(std::memory_order_relaxed); }
  // The newest finished result, once; nothing if none finished since the last call. (A queued
  // task may still be on its way: results say themselves what they are for.) In slices, first
  // runs the running or next task for a slice of `budget`; call it from one thread at a time.
  std::optional<Result> take_result(TimeSlice::Clock::duration budget = kSliceBudget) {
    if (slices_) run_slice(TimeSlice::from_now(budget));
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(result_, std::nullopt);
  }

 private:
  struct Running {
    Task task;
    Result out{};  // what the task has made so far
  };

  void submit(Task task, bool cancel_running) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pending_ = std::move(task);
      if (cancel_running) cancel_ = true;
    }
    wake_.notify_one();
  }

  // The pending task becomes the running one. The mutex is held.
  Running start_pending() {
    Running running{std::move(*pending_)};
    pending_.reset();
    cancel_ = false;
    progress_ = 0.0;
    running_ = true;
    return running;
  }
  // The running task has finished or been cancelled: its result, unless cancelled on the way,
  // is the newest. The mutex is held.
  void end(Running& running, TaskEnd how) {
    running_ = false;
    if (how == TaskEnd::finished && !cancel_) result_ = std::move(running.out);
  }

  // Without a worker: the running task, else the pending one, for one slice. A cancelled task
  // (by request() or cancel()) is dropped here, where it would have stopped on a worker; then a
  // pending one starts in what is left of the slice. A finished one ends the slice, so that
  // each result is handed out before the next task can finish.
  void run_slice(const TimeSlice& slice) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (sliced_ && cancel_) end(*sliced_, TaskEnd::cancelled), sliced_.reset();
      if (!sliced_ && pending_) sliced_ = start_pending();
      if (!sliced_) return;
      // Unlocked while it runs: request() and cancel() from another thread only set flags.
      lock.unlock();
      const TaskEnd how = sliced_->task(sliced_->out, cancel_, progress_, slice);
      lock.lock();
      if (how == TaskEnd::paused) return;
      end(*sliced_, how);
      sliced_.reset();
      if (how == TaskEnd::finished || slice.over()) return;
    }
  }

  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return quit_ || pending_.has_value(); });
      if (quit_) return;
      Running running = start_pending();
      lock.unlock();
      TaskEnd how;
      do {  // a slice with no end: a task pauses only if it wants to
        how = running.task(running.out, cancel_, progress_, TimeSlice{});
      } while (how == TaskEnd::paused);
      lock.lock();
      end(running, how);
    }
  }

  const bool slices_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Task> pending_;
  std::optional<Running> sliced_;  // in slices: the running task, between slices
  std::optional<Result> result_;
  std::atomic<bool> cancel_{false};
  std::atomic<double> progress_{0.0};
  bool running_ = false;
  bool quit_ = false;
  std::thread worker_;  // none in slices
};

}  // namespace losscape
