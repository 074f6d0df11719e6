#include "engine/sim/basins.hpp"

#include "engine/sim/lockstep_starts.hpp"
#include "engine/sim/worker_threads.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

namespace losscape {

std::size_t BasinMap::count(std::int32_t outcome) const {
  return static_cast<std::size_t>(std::count(label.begin(), label.end(), outcome));
}

BasinMap unfilled_basin_map(const CostFunction& cost, const BasinSettings& settings) {
  BasinMap map;
  map.grid = std::max(settings.grid, 1);
  map.domain = cost.domain();
  const std::size_t n = static_cast<std::size_t>(map.grid) * static_cast<std::size_t>(map.grid);
  map.end.resize(n);
  map.steps.resize(n);
  map.status.resize(n);
  map.label.resize(n);
  return map;
}

glm::dvec2 BasinMap::start(int i, int j) const {
  return {domain.x_min + domain.width() * (i + 0.5) / grid, domain.y_min + domain.height() * (j + 0.5) / grid};
}

namespace {

// Runs one start to its end; returns the steps taken.
std::uint32_t run_start(const CostFunction& cost, Optimizer& optimizer, glm::dvec2 start, const BasinSettings& settings,
                        glm::dvec2& end, BallStatus& status) {
  optimizer.reset();
  TrackedPoint point;
  status = start_at(cost, start, point);
  std::uint32_t steps = 0;
  while (status == BallStatus::running && steps < settings.max_steps) {
    const StepResult result = take_step(cost, optimizer, point, settings.limits);
    status = result.status;
    steps += result.moved ? 1u : 0u;
  }
  end = point.position;
  return steps;
}

}  // namespace

BasinMapper::BasinMapper(const CostFunction& cost, const Optimizer& prototype, const BasinSettings& settings,
                         const std::atomic<bool>* cancel, std::atomic<double>* progress)
    : cost_(cost),
      prototype_(prototype.clone()),
      settings_(settings),
      cancel_(cancel),
      progress_(progress),
      catalogue_(cost) {
  const auto started = std::chrono::steady_clock::now();
  map_ = unfilled_basin_map(cost, settings);
  map_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

void BasinMapper::run_rows(const TimeSlice& slice) {
  if (next_row_.load() >= map_.grid) return;  // nothing left: no need for an optimizer
  // Each call its own optimizer: calls on other threads run at the same time.
  auto optimizer = prototype_->clone();
  auto lanes = settings_.allow_lockstep ? prototype_->lanes() : nullptr;
  std::unique_ptr<LockstepStarts> lockstep;
  if (lanes) {
    lockstep =
        std::make_unique<LockstepStarts>(cost_, std::move(lanes), settings_.max_steps, settings_.limits, cancel_);
  }
  std::vector<glm::dvec2> row_starts(static_cast<std::size_t>(map_.grid));
  do {
    const int j = next_row_.fetch_add(1);
    if (j >= map_.grid || !run_row(j, *optimizer, lockstep.get(), row_starts)) return;
    const int done = rows_done_.fetch_add(1) + 1;
    if (progress_) progress_->store(static_cast<double>(done) / map_.grid, std::memory_order_relaxed);
  } while (!slice.over());
}

bool BasinMapper::run_row(int j, Optimizer& optimizer, LockstepStarts* lockstep, std::vector<glm::dvec2>& row_starts) {
  const std::size_t row = static_cast<std::size_t>(j) * static_cast<std::size_t>(map_.grid);
  if (lockstep) {
    if (cancelled()) return false;
    for (int i = 0; i < map_.grid; ++i) row_starts[static_cast<std::size_t>(i)] = map_.start(i, j);
    lockstep->run(row_starts.data(), row_starts.size(), &map_.end[row], &map_.steps[row], &map_.status[row]);
    return !cancelled();  // run() returns early when cancelled
  }
  for (int i = 0; i < map_.grid; ++i) {
    if (cancelled()) return false;  // checked every start: prompt
    const std::size_t k = row + static_cast<std::size_t>(i);
    map_.steps[k] = run_start(cost_, optimizer, map_.start(i, j), settings_, map_.end[k], map_.status[k]);
  }
  return true;
}

TaskEnd BasinMapper::run(const TimeSlice& slice) {
  const auto started = std::chrono::steady_clock::now();
  const TaskEnd end = go_on(slice);
  map_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return end;
}

TaskEnd BasinMapper::go_on(const TimeSlice& slice) {
  if (cancelled()) return TaskEnd::cancelled;
  if (rows_done_.load() < map_.grid) {
    run_on_threads(threads_to_use(settings_.threads), [this, &slice] { run_rows(slice); });
    if (cancelled()) return TaskEnd::cancelled;
    // Not done: rows left, or rows still running on threads that called run_rows() themselves.
    if (rows_done_.load() < map_.grid || slice.over()) return TaskEnd::paused;
  }
  while (rows_labelled_ < map_.grid) {
    label_row(rows_labelled_++);
    if (rows_labelled_ == map_.grid) {
      count_starts();
    } else if (slice.over()) {
      return TaskEnd::paused;
    }
  }
  return TaskEnd::finished;
}

// Names row j's ends: the function's known minima first, then the others in start order.
void BasinMapper::label_row(int j) {
  const std::size_t row = static_cast<std::size_t>(j) * static_cast<std::size_t>(map_.grid);
  label_ends(cost_, catalogue_, map_, row, row + static_cast<std::size_t>(map_.grid));
}

void BasinMapper::count_starts() { count_basin_starts(catalogue_, map_); }

void label_ends(const CostFunction& cost, MinimumCatalogue& catalogue, BasinMap& map, std::size_t begin,
                std::size_t end) {
  for (std::size_t k = begin; k < end; ++k) {
    if (map.status[k] != BallStatus::converged) {
      map.label[k] = outcome_of(map.status[k]);
      continue;
    }
    // Only a new minimum costs an evaluation of f.
    const std::int32_t known = catalogue.find(map.end[k]);
    map.label[k] = known >= 0 ? known : catalogue.find_or_add(map.end[k], cost.value(map.end[k]));
  }
}

void count_basin_starts(const MinimumCatalogue& catalogue, BasinMap& map) {
  for (const NamedMinimum& m : catalogue.minima()) map.minima.push_back({m, 0});
  for (const std::int32_t label : map.label) {
    if (label >= 0) ++map.minima[static_cast<std::size_t>(label)].starts;
  }
  for (std::uint32_t s : map.steps) map.point_steps += s;
}

void label_basin_map(const CostFunction& cost, BasinMap& map) {
  MinimumCatalogue catalogue(cost);
  label_ends(cost, catalogue, map, 0, map.label.size());
  count_basin_starts(catalogue, map);
}

bool compute_basins(const CostFunction& cost, const Optimizer& prototype, const BasinSettings& settings, BasinMap& out,
                    const std::atomic<bool>* cancel, std::atomic<double>* progress) {
  BasinMapper mapper(cost, prototype, settings, cancel, progress);
  if (mapper.run() != TaskEnd::finished) return false;
  out = mapper.finish();
  return true;
}

}  // namespace losscape
