// The background worker behind the basin overlay: newest request wins, cancel is prompt, the
// caller never waits. Each scenario runs both ways a job can run: on its worker thread (the
// desktop) and in slices on the caller's thread (a browser page, which cannot start threads).
#include "engine/sim/background_job.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <thread>

using namespace losscape;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;
using Job = BackgroundJob<int>;

constexpr auto kUnit = 1ms;  // of a slow task's work

// A task that works for `seconds` in units of kUnit, checking cancel and its slice after each,
// then returns `value`. Between slices it remembers how far it got.
Job::Task slow(int value, double seconds) {
  const int units = static_cast<int>(std::lround(seconds / std::chrono::duration<double>(kUnit).count()));
  return [=, done = 0](int& out, const std::atomic<bool>& cancel, std::atomic<double>& progress,
                       const TimeSlice& slice) mutable {
    while (done < units) {
      if (cancel) return TaskEnd::cancelled;
      std::this_thread::sleep_for(kUnit);
      ++done;
      progress = static_cast<double>(done) / units;
      if (done < units && slice.over()) return TaskEnd::paused;
    }
    out = value;
    return TaskEnd::finished;
  };
}

// Asks for a result every millisecond (as a frame loop would, less often) for up to `seconds`.
std::optional<int> wait_for_result(Job& job, double seconds) {
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < end) {
    if (auto r = job.take_result()) return r;
    std::this_thread::sleep_for(1ms);
  }
  return std::nullopt;
}

// Lets the running task get on for a while: in slices it runs only when a result is asked for.
void let_run(Job& job, std::chrono::milliseconds time) {
  EXPECT_FALSE(wait_for_result(job, std::chrono::duration<double>(time).count()).has_value());
}

class BackgroundJobTest : public testing::TestWithParam<RunTasks> {};

std::string mode_name(const testing::TestParamInfo<RunTasks>& info) {
  return info.param == RunTasks::on_worker_thread ? "OnWorkerThread" : "InSlicesOnCaller";
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(BothWays, BackgroundJobTest,
                         testing::Values(RunTasks::on_worker_thread, RunTasks::in_slices_on_caller), mode_name);

TEST_P(BackgroundJobTest, DeliversAResultOnce) {
  Job job(GetParam());
  job.request(slow(7, 0.01));
  EXPECT_TRUE(job.busy());
  EXPECT_EQ(wait_for_result(job, 5.0), 7);
  EXPECT_FALSE(job.take_result().has_value());
  EXPECT_FALSE(job.busy());
  EXPECT_DOUBLE_EQ(job.progress(), 1.0);
}

TEST_P(BackgroundJobTest, ANewerRequestCancelsTheRunningOneWithoutWaiting) {
  Job job(GetParam());
  job.request(slow(1, 30.0));
  let_run(job, 20ms);
  EXPECT_TRUE(job.busy());
  EXPECT_GT(job.progress(), 0.0);
  const auto before = Clock::now();
  job.request(slow(2, 0.01));
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - before).count(), 0.05) << "request() does not wait";
  EXPECT_EQ(wait_for_result(job, 5.0), 2) << "the stale task's result is never handed out";
}

TEST_P(BackgroundJobTest, AQueuedRequestLetsTheRunningOneFinishFirst) {
  Job job(GetParam());
  job.request(slow(1, 0.1));
  let_run(job, 20ms);
  job.queue(slow(2, 0.5));  // dropped: overtaken by the next one before it started
  job.queue(slow(3, 0.01));
  EXPECT_EQ(wait_for_result(job, 5.0), 1) << "the running task was not cancelled";
  EXPECT_EQ(wait_for_result(job, 5.0), 3) << "then only the newest queued one ran";
  let_run(job, 50ms);
  EXPECT_FALSE(job.busy());
}

TEST_P(BackgroundJobTest, CancelKeepsTheLastFinishedResult) {
  Job job(GetParam());
  job.request(slow(3, 0.0));
  ASSERT_EQ(wait_for_result(job, 5.0), 3);
  job.request(slow(4, 30.0));
  let_run(job, 10ms);
  job.cancel();
  const auto end = Clock::now() + 2s;
  while (job.busy() && Clock::now() < end) std::this_thread::sleep_for(1ms);
  EXPECT_FALSE(job.busy()) << "cancel stops the task promptly";
  EXPECT_FALSE(job.take_result().has_value());
  job.request(slow(5, 0.01));
  EXPECT_EQ(wait_for_result(job, 5.0), 5) << "and the job goes on with the next request";
}

TEST_P(BackgroundJobTest, DestroyingAJobWithARunningTaskReturnsPromptly) {
  const auto before = Clock::now();
  {
    Job job(GetParam());
    job.request(slow(5, 30.0));
    let_run(job, 10ms);
  }
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - before).count(), 1.0);
}

TEST(BackgroundJobInSlices, ALongTaskTakesManyCallsNoneMuchLongerThanTheBudget) {
  Job job(RunTasks::in_slices_on_caller);
  job.request(slow(9, 0.2));
  // A slice may overrun by one unit of work; a busy machine (the sanitizer pass runs this too)
  // oversleeps and preempts, so the bound only tells a slice from the whole 200 ms task.
  const auto allowed = kSliceBudget + 50ms;
  int calls = 0;
  double last_progress = 0.0;
  std::optional<int> result;
  while (!result && calls < 10000) {
    const auto before = Clock::now();
    result = job.take_result();
    const auto took = Clock::now() - before;
    ++calls;
    EXPECT_LE(took, allowed) << "call " << calls << " took " << std::chrono::duration<double, std::milli>(took).count()
                             << " ms";
    if (!result) {
      EXPECT_TRUE(job.busy());
      EXPECT_GT(job.progress(), last_progress) << "each slice gets on";
      last_progress = job.progress();
    }
  }
  EXPECT_EQ(result, 9);
  EXPECT_GE(calls, 10) << "200 ms of work in slices of 8 ms";
  EXPECT_FALSE(job.busy());
}

TEST(BackgroundJobInSlices, NothingRunsBetweenCalls) {
  Job job(RunTasks::in_slices_on_caller);
  job.request(slow(1, 0.05));
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(job.progress(), 0.0) << "the caller's thread is the only one";
  EXPECT_TRUE(job.busy());
}
