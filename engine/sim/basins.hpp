#pragma once
// Basins of attraction: run an optimizer from every point of a grid of starts until it
// converges, diverges or hits a step limit, and say which minimum each start ends in.
// Multi-threaded over rows, and resumable between rows (BasinMapper); the result depends on
// neither the number of threads nor the slices it was computed in.
#include "engine/core/optimizer.hpp"
#include "engine/core/step_rules.hpp"
#include "engine/sim/minimum_catalogue.hpp"
#include "engine/sim/time_slice.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace losscape {

struct BasinSettings {
  int grid = 256;                // starts per side (cell centres of a grid x grid over the domain)
  std::size_t max_steps = 1000;  // per start
  unsigned threads = 0;          // 0: every core
  StepLimits limits;
  // Optimizers that offer lanes (Optimizer::lanes(): the first-order ones) run many starts in
  // lockstep over CostFunction::evaluate_batch: the same numbers as the one-start-at-a-time path
  // (tested), several times faster.
  bool allow_lockstep = true;
};

struct BasinMinimum : NamedMinimum {
  std::size_t starts = 0;
};

struct BasinMap {
  int grid = 0;
  Domain domain;
  // Per start, row-major, row 0 at y = y_min: a minimum's index, or a BasinOutcome.
  std::vector<std::int32_t> label;
  std::vector<glm::dvec2> end;
  std::vector<std::uint32_t> steps;
  std::vector<BallStatus> status;
  std::vector<BasinMinimum> minima;  // known minima first (in their order), then ones found
  std::size_t count(std::int32_t outcome) const;
  glm::dvec2 start(int i, int j) const;  // the start of column i, row j
  double seconds = 0.0;                  // spent computing it (in slices: their sum, not the frames between)
  std::uint64_t point_steps = 0;         // solver steps taken in all
};

// A map of `settings.grid` starts a side over the cost's domain, its per-start vectors sized and
// not yet filled.
BasinMap unfilled_basin_map(const CostFunction& cost, const BasinSettings& settings);

class LockstepStarts;

// A basin map computed a piece at a time: all at once on threads (compute_basins), or a time
// slice a frame where no thread can start (BasinAnalysis in a browser page).
class BasinMapper {
 public:
  // `cost` (and `cancel`, `progress`) must outlive the mapper; the prototype is copied.
  // `progress` goes from 0 to 1 as rows are done.
  BasinMapper(const CostFunction& cost, const Optimizer& prototype, const BasinSettings& settings,
              const std::atomic<bool>* cancel = nullptr, std::atomic<double>* progress = nullptr);
  BasinMapper(const BasinMapper&) = delete;
  BasinMapper& operator=(const BasinMapper&) = delete;

  // Runs the starts of the rows not yet taken, a row at a time in any order, until none is left,
  // `cancel` is set or `slice` is over (after at least one row, so every call gets on). Several
  // threads may call it at once. Once cancelled, a mapper never finishes.
  void run_rows(const TimeSlice& slice = {});
  // Goes on with the map for `slice`: rows on settings.threads threads (the caller's among them:
  // threads_to_use()), then, once every row is done, naming the ends in start order. Paused:
  // call again to go on.
  TaskEnd run(const TimeSlice& slice = {});
  // The map, once run() has returned finished (moved out: once).
  BasinMap finish() { return std::move(map_); }

 private:
  bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }
  TaskEnd go_on(const TimeSlice& slice);  // run() but for the time it takes
  // Runs row j's starts; false if cancelled on the way (the row is then incomplete).
  bool run_row(int j, Optimizer& optimizer, LockstepStarts* lockstep, std::vector<glm::dvec2>& row_starts);
  void label_row(int j);
  void count_starts();

  const CostFunction& cost_;
  std::unique_ptr<Optimizer> prototype_;
  BasinSettings settings_;
  const std::atomic<bool>* cancel_;
  std::atomic<double>* progress_;
  BasinMap map_;
  // Rows are handed out one at a time; each start is independent, so the map is the same
  // whatever the number of threads or slices.
  std::atomic<int> next_row_{0}, rows_done_{0};
  int rows_labelled_ = 0;  // naming the ends is sequential: a new minimum's index is its order found
  MinimumCatalogue catalogue_;
};

// Naming a map's ends, once end, steps and status are filled (by a BasinMapper a row at a time,
// or by the GPU, render/compute/gpu_basins.hpp, all at once): the function's known minima first,
// then the others in start order, so both paths name the same minima alike.
void label_ends(const CostFunction& cost, MinimumCatalogue& catalogue, BasinMap& map, std::size_t begin,
                std::size_t end);
// The minima's list and start counts, and the steps taken, once every end is named.
void count_basin_starts(const MinimumCatalogue& catalogue, BasinMap& map);
// Both over a whole map, with a new catalogue (label must be sized).
void label_basin_map(const CostFunction& cost, BasinMap& map);

// Fills `out` and returns true; returns false, leaving `out` untouched, if `cancel` was set.
bool compute_basins(const CostFunction& cost, const Optimizer& prototype, const BasinSettings& settings, BasinMap& out,
                    const std::atomic<bool>* cancel = nullptr, std::atomic<double>* progress = nullptr);

}  // namespace losscape
