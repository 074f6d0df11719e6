#pragma once
// The numbers behind a basin map, for the statistics panel: how many starts reach the global
// minimum, how many diverge, how long convergence takes. And the learning-rate sweep: the share
// reaching the global minimum as the learning rate changes, so the sweet spot and the cliff show.
#include "engine/sim/basins.hpp"

#include <memory>
#include <utility>
#include <vector>

namespace losscape {

struct BasinStatistics {
  std::size_t starts = 0;
  double global_share = 0.0;  // ended in a global minimum (known, or the lowest found)
  double diverged_share = 0.0;
  double converged_share = 0.0;  // ended in any minimum
  // Solver steps to converge, over the starts that converged (0 when none did).
  double mean_steps = 0.0;
  double median_steps = 0.0;
  bool global_known = false;  // the function lists its global minimum (else: the lowest found)
};

BasinStatistics summarize(const BasinMap& map);

struct SweepPoint {
  double lr = 0.0;
  BasinStatistics statistics;
};

struct SweepSettings {
  double lr_min = 1e-4, lr_max = 1.0;  // swept on a logarithmic scale, both ends included
  int points = 25;
  BasinSettings basins;  // grid (smaller than the map's: one map per point) and step limit
};

// A range around `lr` that shows both sides of it: from lr/300 to 30 lr, inside [lo, hi].
SweepSettings sweep_around(double lr, double lo, double hi, SweepSettings base = {});

// One basin map per learning rate, computed a piece at a time (as BasinMapper: all at once, or
// a time slice a frame where no thread can start).
class LearningRateSweep {
 public:
  // `cost` (and `cancel`, `progress`) must outlive the sweep; the prototype is copied.
  // `progress` goes from 0 to 1 over the whole sweep.
  LearningRateSweep(const CostFunction& cost, const Optimizer& prototype, const SweepSettings& settings,
                    const std::atomic<bool>* cancel = nullptr, std::atomic<double>* progress = nullptr);
  // Goes on with the sweep for `slice`: point after point, each one's map as BasinMapper::run().
  TaskEnd run(const TimeSlice& slice = {});
  // The sweep, once run() has returned finished (moved out: once).
  std::vector<SweepPoint> finish() { return std::move(sweep_); }

 private:
  double lr_at(int point) const;
  void next_point();

  const CostFunction& cost_;
  std::unique_ptr<Optimizer> optimizer_;  // at the current point's learning rate
  SweepSettings settings_;
  const std::atomic<bool>* cancel_;
  std::atomic<double>* progress_;
  std::atomic<double> map_progress_{0.0};
  int points_;
  int point_ = 0;                     // the one under way
  std::unique_ptr<BasinMapper> map_;  // its map, once started
  std::vector<SweepPoint> sweep_;
};

// One basin map per learning rate. Returns false, leaving `out` untouched, when cancelled.
// `progress` goes from 0 to 1 over the whole sweep.
bool sweep_learning_rate(const CostFunction& cost, const Optimizer& prototype, const SweepSettings& settings,
                         std::vector<SweepPoint>& out, const std::atomic<bool>* cancel = nullptr,
                         std::atomic<double>* progress = nullptr);

}  // namespace losscape
