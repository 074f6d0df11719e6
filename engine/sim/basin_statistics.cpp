#include "engine/sim/basin_statistics.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {

BasinStatistics summarize(const BasinMap& map) {
  BasinStatistics s;
  s.starts = map.label.size();
  if (s.starts == 0) return s;
  std::size_t global = 0, converged = 0;
  std::vector<std::uint32_t> steps;
  for (std::size_t k = 0; k < s.starts; ++k) {
    const std::int32_t label = map.label[k];
    if (label < 0) continue;
    ++converged;
    if (map.minima[static_cast<std::size_t>(label)].global) ++global;
    steps.push_back(map.steps[k]);
  }
  for (const BasinMinimum& m : map.minima) s.global_known = s.global_known || (m.known && m.global);
  const double n = static_cast<double>(s.starts);
  s.global_share = static_cast<double>(global) / n;
  s.converged_share = static_cast<double>(converged) / n;
  s.diverged_share = static_cast<double>(map.count(kDiverged)) / n;
  if (!steps.empty()) {
    double sum = 0.0;
    for (std::uint32_t v : steps) sum += v;
    s.mean_steps = sum / static_cast<double>(steps.size());
    const std::size_t mid = steps.size() / 2;
    std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(mid), steps.end());
    const double upper = steps[mid];
    if (steps.size() % 2 == 1) {
      s.median_steps = upper;
    } else {
      const double lower = *std::max_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(mid));
      s.median_steps = 0.5 * (lower + upper);
    }
  }
  return s;
}

SweepSettings sweep_around(double lr, double lo, double hi, SweepSettings base) {
  lo = std::max(lo, 1e-12);
  base.lr_min = std::clamp(lr / 300.0, lo, hi);
  base.lr_max = std::clamp(lr * 30.0, lo, hi);
  if (!(base.lr_min < base.lr_max)) base.lr_min = lo, base.lr_max = hi;
  return base;
}

LearningRateSweep::LearningRateSweep(const CostFunction& cost, const Optimizer& prototype,
                                     const SweepSettings& settings, const std::atomic<bool>* cancel,
                                     std::atomic<double>* progress)
    : cost_(cost),
      optimizer_(prototype.clone()),
      settings_(settings),
      cancel_(cancel),
      progress_(progress),
      points_(std::max(settings.points, 2)) {}

double LearningRateSweep::lr_at(int point) const {
  if (point + 1 == points_) return settings_.lr_max;
  const double log_lo = std::log(settings_.lr_min), log_hi = std::log(settings_.lr_max);
  return std::exp(log_lo + (log_hi - log_lo) * point / (points_ - 1));
}

void LearningRateSweep::next_point() {
  map_.reset();
  ++point_;
  if (progress_) progress_->store(static_cast<double>(point_) / points_, std::memory_order_relaxed);
}

TaskEnd LearningRateSweep::run(const TimeSlice& slice) {
  while (point_ < points_) {
    if (!map_) {
      // An lr outside the optimizer's range (a clamp above) is skipped, not an error.
      if (!optimizer_->set_parameter("lr", lr_at(point_))) {
        next_point();
        continue;
      }
      map_ = std::make_unique<BasinMapper>(cost_, *optimizer_, settings_.basins, cancel_, &map_progress_);
    }
    const TaskEnd end = map_->run(slice);
    if (end == TaskEnd::paused && progress_) {
      progress_->store((point_ + map_progress_.load(std::memory_order_relaxed)) / points_, std::memory_order_relaxed);
    }
    if (end != TaskEnd::finished) return end;
    sweep_.push_back({lr_at(point_), summarize(map_->finish())});
    next_point();
    if (point_ < points_ && slice.over()) return TaskEnd::paused;
  }
  return TaskEnd::finished;
}

bool sweep_learning_rate(const CostFunction& cost, const Optimizer& prototype, const SweepSettings& settings,
                         std::vector<SweepPoint>& out, const std::atomic<bool>* cancel, std::atomic<double>* progress) {
  LearningRateSweep sweep(cost, prototype, settings, cancel, progress);
  if (sweep.run() != TaskEnd::finished) return false;
  out = sweep.finish();
  return true;
}

}  // namespace losscape
