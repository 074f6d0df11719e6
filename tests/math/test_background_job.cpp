// The background worker behind the basin overlay: newest request wins, cancel is prompt, the
// caller never waits.
#include "engine/sim/background_job.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace losscape;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

// A task that works for up to `seconds`, checking cancel, then returns `value`.
BackgroundJob<int>::Task slow(int value, double seconds) {
  return [=](int& out, const std::atomic<bool>& cancel, std::atomic<double>& progress) {
    const auto end = Clock::now() + std::chrono::duration<double>(seconds);
    while (Clock::now() < end) {
      if (cancel) return false;
      progress = 0.5;
      std::this_thread::sleep_for(1ms);
    }
    out = value;
    return true;
  };
}

std::optional<int> wait_for_result(BackgroundJob<int>& job, double seconds) {
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < end) {
    if (auto r = job.take_result()) return r;
    std::this_thread::sleep_for(1ms);
  }
  return std::nullopt;
}

}  // namespace

TEST(BackgroundJob, DeliversAResultOnce) {
  BackgroundJob<int> job;
  job.request(slow(7, 0.01));
  EXPECT_EQ(wait_for_result(job, 5.0), 7);
  EXPECT_FALSE(job.take_result().has_value());
  EXPECT_FALSE(job.busy());
}

TEST(BackgroundJob, ANewerRequestCancelsTheRunningOneWithoutWaiting) {
  BackgroundJob<int> job;
  job.request(slow(1, 30.0));
  std::this_thread::sleep_for(20ms);
  EXPECT_TRUE(job.busy());
  const auto before = Clock::now();
  job.request(slow(2, 0.01));
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - before).count(), 0.05) << "request() does not wait";
  EXPECT_EQ(wait_for_result(job, 5.0), 2) << "the stale task's result is never handed out";
}

TEST(BackgroundJob, AQueuedRequestLetsTheRunningOneFinishFirst) {
  BackgroundJob<int> job;
  job.request(slow(1, 0.1));
  std::this_thread::sleep_for(20ms);
  job.queue(slow(2, 0.5));  // dropped: overtaken by the next one before it started
  job.queue(slow(3, 0.01));
  EXPECT_EQ(wait_for_result(job, 5.0), 1) << "the running task was not cancelled";
  EXPECT_EQ(wait_for_result(job, 5.0), 3) << "then only the newest queued one ran";
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(job.take_result().has_value());
}

TEST(BackgroundJob, CancelKeepsTheLastFinishedResult) {
  BackgroundJob<int> job;
  job.request(slow(3, 0.0));
  ASSERT_EQ(wait_for_result(job, 5.0), 3);
  job.request(slow(4, 30.0));
  std::this_thread::sleep_for(10ms);
  job.cancel();
  const auto end = Clock::now() + 2s;
  while (job.busy() && Clock::now() < end) std::this_thread::sleep_for(1ms);
  EXPECT_FALSE(job.busy()) << "cancel stops the task promptly";
  EXPECT_FALSE(job.take_result().has_value());
}

TEST(BackgroundJob, DestroyingAJobWithARunningTaskReturnsPromptly) {
  const auto before = Clock::now();
  {
    BackgroundJob<int> job;
    job.request(slow(5, 30.0));
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - before).count(), 1.0);
}
