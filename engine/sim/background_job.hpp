#pragma once
// Long computations (basin maps, learning-rate sweeps) off the frame loop. One worker thread runs
// the newest request: request() cancels the task running now (its inputs are obsolete), queue()
// lets it finish first (while a slider is dragged, finishing maps keep the picture moving where
// cancelling each frame would show nothing until the drag ends). Either way an older request not
// yet started is dropped. Nothing here ever makes the caller wait for a computation: the worker
// holds the mutex for a few instructions at a time. The destructor cancels and joins.
// Where no thread can start (a browser page: worker_threads.hpp), there is no worker: the newest
// task runs on the caller's thread when its result is next asked for, so the frame that asks
// waits for it (docs/web.md).
#include "engine/sim/worker_threads.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace losscape {

template <class Result>
class BackgroundJob {
 public:
  // Fills `out` and returns true, or returns false once `cancel` is set (promptly, please).
  using Task = std::function<bool(Result& out, const std::atomic<bool>& cancel, std::atomic<double>& progress)>;

  BackgroundJob() {
    if constexpr (kCanStartThreads) worker_ = std::thread([this] { loop(); });  // once every member exists
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
  // True from request() until its task has finished or been cancelled.
  bool busy() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return running_ || pending_.has_value();
  }
  double progress() const { return progress_.load(std::memory_order_relaxed); }
  // The newest finished result, once; nothing if none finished since the last call. (A queued
  // task may still be on its way: results say themselves what they are for.)
  std::optional<Result> take_result() {
    if constexpr (!kCanStartThreads) run_pending_here();
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(result_, std::nullopt);
  }

 private:
  void submit(Task task, bool cancel_running) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pending_ = std::move(task);
      if (cancel_running) cancel_ = true;
    }
    wake_.notify_one();
  }

  // Without a worker: the pending task, run to its end now.
  void run_pending_here() {
    if (!pending_) return;
    Task task = std::move(*pending_);
    pending_.reset();
    cancel_ = false;
    progress_ = 0.0;
    Result out{};
    if (task(out, cancel_, progress_)) result_ = std::move(out);
  }

  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return quit_ || pending_.has_value(); });
      if (quit_) return;
      Task task = std::move(*pending_);
      pending_.reset();
      cancel_ = false;
      progress_ = 0.0;
      running_ = true;
      lock.unlock();
      Result out{};
      const bool finished = task(out, cancel_, progress_);
      lock.lock();
      running_ = false;
      if (finished && !cancel_) result_ = std::move(out);
    }
  }

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Task> pending_;
  std::optional<Result> result_;
  std::atomic<bool> cancel_{false};
  std::atomic<double> progress_{0.0};
  bool running_ = false;
  bool quit_ = false;
  std::thread worker_;  // none where no thread can start
};

}  // namespace losscape
