#include "engine/sim/basins.hpp"

#include "engine/sim/lockstep_starts.hpp"
#include "engine/sim/worker_threads.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <thread>

namespace losscape {

std::size_t BasinMap::count(std::int32_t outcome) const {
  return static_cast<std::size_t>(std::count(label.begin(), label.end(), outcome));
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

bool compute_basins(const CostFunction& cost, const Optimizer& prototype, const BasinSettings& settings, BasinMap& out,
                    const std::atomic<bool>* cancel, std::atomic<double>* progress) {
  const auto started = std::chrono::steady_clock::now();
  BasinMap map;
  map.grid = std::max(settings.grid, 1);
  map.domain = cost.domain();
  const std::size_t n = static_cast<std::size_t>(map.grid) * static_cast<std::size_t>(map.grid);
  map.end.resize(n);
  map.steps.resize(n);
  map.status.resize(n);

  // Rows are handed out one at a time; each start is independent, so the map is the same
  // whatever the number of threads.
  std::atomic<int> next_row{0}, rows_done{0};
  auto work = [&] {
    auto optimizer = prototype.clone();
    auto lanes = settings.allow_lockstep ? prototype.lanes() : nullptr;
    std::unique_ptr<LockstepStarts> lockstep;
    if (lanes) {
      lockstep = std::make_unique<LockstepStarts>(cost, std::move(lanes), settings.max_steps, settings.limits, cancel);
    }
    std::vector<glm::dvec2> row_starts(static_cast<std::size_t>(map.grid));
    for (int j; (j = next_row.fetch_add(1)) < map.grid;) {
      const std::size_t row = static_cast<std::size_t>(j) * static_cast<std::size_t>(map.grid);
      if (lockstep) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return;
        for (int i = 0; i < map.grid; ++i) row_starts[static_cast<std::size_t>(i)] = map.start(i, j);
        lockstep->run(row_starts.data(), row_starts.size(), &map.end[row], &map.steps[row], &map.status[row]);
      }
      for (int i = 0; i < map.grid && !lockstep; ++i) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return;  // checked every start: prompt
        const std::size_t k = row + static_cast<std::size_t>(i);
        map.steps[k] = run_start(cost, *optimizer, map.start(i, j), settings, map.end[k], map.status[k]);
      }
      const int done = rows_done.fetch_add(1) + 1;
      if (progress) progress->store(static_cast<double>(done) / map.grid, std::memory_order_relaxed);
    }
  };
  const unsigned threads = threads_to_use(settings.threads);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  if (cancel && cancel->load()) return false;

  // Name the ends: the function's known minima first, then the others in start order.
  MinimumCatalogue catalogue(cost);
  map.label.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    if (map.status[k] != BallStatus::converged) {
      map.label[k] = outcome_of(map.status[k]);
      continue;
    }
    // Only a new minimum costs an evaluation of f.
    const std::int32_t known = catalogue.find(map.end[k]);
    map.label[k] = known >= 0 ? known : catalogue.find_or_add(map.end[k], cost.value(map.end[k]));
  }
  for (const NamedMinimum& m : catalogue.minima()) map.minima.push_back({m, 0});
  for (const std::int32_t label : map.label) {
    if (label >= 0) ++map.minima[static_cast<std::size_t>(label)].starts;
  }
  for (std::uint32_t s : map.steps) map.point_steps += s;
  map.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out = std::move(map);
  return true;
}

}  // namespace losscape
