#include "engine/sim/stability_map.hpp"

#include "engine/sim/learning_rate_tuning.hpp"
#include "engine/sim/worker_threads.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace losscape {

const char* to_string(StabilityOutcome outcome) {
  switch (outcome) {
    case StabilityOutcome::reached: return "reached";
    case StabilityOutcome::diverged: return "diverged";
    case StabilityOutcome::not_reached: return "not reached";
    case StabilityOutcome::stopped: return "stopped elsewhere";
  }
  return "?";
}

namespace {

bool converged(const TrackedPoint& point, const StepLimits& limits) {
  return glm::length(point.gradient) <= limits.gradient_tolerance;
}

}  // namespace

TargetRun run_to_target(const CostFunction& cost, Optimizer& optimizer, glm::dvec2 start, double target,
                        std::size_t max_steps, const StepLimits& limits) {
  optimizer.reset();
  TrackedPoint point;
  BallStatus status = start_at(cost, start, point);
  TargetRun run;
  run.lowest_f = point.value;
  if (status != BallStatus::running) {
    run.outcome = status == BallStatus::diverged ? StabilityOutcome::diverged : StabilityOutcome::stopped;
  } else if (point.value < target) {
    run.outcome = StabilityOutcome::reached;
  }
  while (status == BallStatus::running && run.outcome == StabilityOutcome::not_reached && run.steps < max_steps) {
    const StepResult result = take_step(cost, optimizer, point, limits);
    status = result.status;
    run.steps += result.moved ? 1u : 0u;
    run.lowest_f = std::min(run.lowest_f, point.value);
    if (point.value < target) {
      run.outcome = StabilityOutcome::reached;
    } else if (status == BallStatus::diverged || (status == BallStatus::left_domain && !converged(point, limits))) {
      // Outside the domain for too many steps in a row, not at rest there: on its way out.
      run.outcome = StabilityOutcome::diverged;
    } else if (status != BallStatus::running) {
      run.outcome = StabilityOutcome::stopped;
    }
  }
  run.final_f = point.value;
  return run;
}

std::size_t StabilityMap::count(StabilityOutcome o) const {
  return static_cast<std::size_t>(std::count(outcome.begin(), outcome.end(), o));
}

StabilityMapper::StabilityMapper(const CostFunction& cost, const Optimizer& prototype,
                                 const StabilitySettings& settings, const std::atomic<bool>* cancel,
                                 std::atomic<double>* progress)
    : cost_(cost), prototype_(prototype.clone()), settings_(settings), cancel_(cancel), progress_(progress) {
  map_.grid = std::clamp(settings.grid, kStabilityGridMin, kStabilityGridMax);
  map_.axes = settings.axes;
  map_.start = settings.start;
  map_.max_steps = settings.max_steps;
  map_.f_start = cost.value(settings.start);
  const std::size_t n = static_cast<std::size_t>(map_.grid) * static_cast<std::size_t>(map_.grid);
  map_.outcome.resize(n);
  map_.steps.resize(n);
  map_.final_f.resize(n);
  const std::optional<double> known = known_f_star(cost);
  map_.f_star_known = known.has_value();
  map_.f_star = known.value_or(std::numeric_limits<double>::infinity());
  finding_f_star_ = !map_.f_star_known;
  passes_ = finding_f_star_ ? 2 : 1;
  if (finding_f_star_) lowest_.assign(n, std::numeric_limits<double>::infinity());
  map_.threshold = settings.eps * std::max(0.0, map_.f_start - map_.f_star);
}

std::size_t StabilityMapper::pieces() const { return (map_.outcome.size() + kCellsPerPiece - 1) / kCellsPerPiece; }

void StabilityMapper::run_piece(std::size_t piece, Optimizer& optimizer) {
  const std::size_t first = piece * kCellsPerPiece, end = std::min(first + kCellsPerPiece, map_.outcome.size());
  const std::size_t grid = static_cast<std::size_t>(map_.grid);
  for (std::size_t k = first; k < end; ++k) {
    if (cancelled()) return;
    // The axes' values were checked when the axes were made: they cannot be refused here.
    (void)set_stability_parameters(optimizer, map_.axes, static_cast<int>(k % grid), static_cast<int>(k / grid),
                                   map_.grid);
    // In the first pass (f* not known) nothing is reached: every cell runs to its end.
    const double target = finding_f_star_ ? -std::numeric_limits<double>::infinity() : map_.f_star + map_.threshold;
    const TargetRun run = run_to_target(cost_, optimizer, map_.start, target, map_.max_steps, settings_.limits);
    map_.outcome[k] = run.outcome;
    map_.steps[k] = run.steps;
    map_.final_f[k] = run.final_f;
    // A run that diverged says nothing of where the minimum is.
    if (finding_f_star_ && run.outcome != StabilityOutcome::diverged) lowest_[k] = run.lowest_f;
  }
}

void StabilityMapper::run_pieces(const TimeSlice& slice) {
  auto optimizer = prototype_->clone();  // each thread its own
  const std::size_t all = pieces();
  do {
    const std::size_t piece = next_piece_.fetch_add(1);
    if (piece >= all) return;
    run_piece(piece, *optimizer);
    if (cancelled()) return;
    const std::size_t done = pieces_done_.fetch_add(1) + 1;
    if (progress_) {
      progress_->store((pass_ + static_cast<double>(done) / static_cast<double>(all)) / passes_,
                       std::memory_order_relaxed);
    }
  } while (!slice.over());
}

bool StabilityMapper::start_pass() {
  if (!finding_f_star_) return false;
  // The first pass is done: f* is the lowest f any cell reached, and the second pass counts.
  map_.f_star = *std::min_element(lowest_.begin(), lowest_.end());
  if (!std::isfinite(map_.f_star)) map_.f_star = map_.f_start;
  map_.threshold = settings_.eps * std::max(0.0, map_.f_start - map_.f_star);
  finding_f_star_ = false;
  lowest_.clear();
  ++pass_;
  next_piece_ = 0;
  pieces_done_ = 0;
  return true;
}

TaskEnd StabilityMapper::run(const TimeSlice& slice) {
  const auto started = std::chrono::steady_clock::now();
  TaskEnd end = TaskEnd::finished;
  for (;;) {
    if (cancelled()) {
      end = TaskEnd::cancelled;
      break;
    }
    run_on_threads(threads_to_use(settings_.threads), [this, &slice] { run_pieces(slice); });
    if (cancelled()) {
      end = TaskEnd::cancelled;
      break;
    }
    if (pieces_done_.load() < pieces()) {
      end = TaskEnd::paused;
      break;
    }
    if (!start_pass()) break;
    if (slice.over()) {
      end = TaskEnd::paused;
      break;
    }
  }
  map_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return end;
}

bool compute_stability_map(const CostFunction& cost, const Optimizer& prototype, const StabilitySettings& settings,
                           StabilityMap& out, const std::atomic<bool>* cancel, std::atomic<double>* progress) {
  StabilityMapper mapper(cost, prototype, settings, cancel, progress);
  if (mapper.run() != TaskEnd::finished) return false;
  out = mapper.finish();
  return true;
}

}  // namespace losscape
