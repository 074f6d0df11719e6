#include "engine/sim/basin_analysis.hpp"

#include "engine/sim/worker_threads.hpp"

#include <algorithm>
#include <cstdio>

namespace losscape {
namespace {

// Everything a result depends on besides the surface, as text: equal text, equal result.
std::string parameter_key(const Optimizer& optimizer) {
  std::string key = optimizer.name();
  char value[32];
  for (double v : optimizer.parameter_values()) {
    std::snprintf(value, sizeof value, ",%.17g", v);
    key += value;
  }
  return key;
}

// Leave a core to the frame loop (and the software renderer's threads), so the window stays
// smooth while a map is computed.
unsigned background_threads() { return std::max(1u, hardware_threads() - 1); }

}  // namespace

BasinAnalysis::BasinAnalysis() { settings.threads = background_threads(); }

bool BasinAnalysis::can_sweep(const Optimizer& optimizer) {
  const auto& table = optimizer.parameter_table();
  return std::any_of(table.begin(), table.end(), [](const ParameterSpec& s) { return s.key == "lr"; });
}

void BasinAnalysis::cancel() {
  map_job_.cancel();
  sweep_job_.cancel();
  cancelled_ = true;
}

bool BasinAnalysis::update(const Inputs& inputs, bool want_map, bool want_sweep) {
  bool new_map = false;
  if (auto result = map_job_.take_result(); result && result->surface == inputs.surface) {
    map_ = std::move(result);
    statistics_ = summarize(map_->map);
    new_map = true;
  }
  if (auto result = sweep_job_.take_result(); result && result->surface == inputs.surface) sweep_ = std::move(result);
  if (!inputs.cost || !inputs.optimizer) return new_map;
  // A different surface makes the results on screen wrong, not just old.
  if (map_ && map_->surface != inputs.surface) map_.reset(), statistics_ = {};
  if (sweep_ && sweep_->surface != inputs.surface) sweep_.reset();

  const std::string parameters = parameter_key(*inputs.optimizer);
  char grid[64];
  std::snprintf(grid, sizeof grid, "|%d|%zu", settings.grid, settings.max_steps);
  const std::string map_key = inputs.surface + "|" + parameters + grid;
  // After cancel() the same inputs are not asked for again: the user said stop.
  if (want_map && map_key != map_requested_) {
    map_requested_ = map_key;
    cancelled_ = false;
    // Only a parameter moved: let the running map finish, it is nearly right (see queue()).
    const std::string which = inputs.surface + "|" + inputs.optimizer->name();
    const bool same_optimizer = which == optimizer_requested_;
    optimizer_requested_ = which;
    auto task = [cost = inputs.cost, optimizer = std::shared_ptr<Optimizer>(inputs.optimizer->clone()), s = settings,
                 surface = inputs.surface, key = map_key](MapResult& out, const std::atomic<bool>& cancel,
                                                          std::atomic<double>& progress, const TimeSlice&) {
      out.surface = surface;
      out.key = key;
      return compute_basins(*cost, *optimizer, s, out.map, &cancel, &progress) ? TaskEnd::finished : TaskEnd::cancelled;
    };
    same_optimizer ? map_job_.queue(task) : map_job_.request(task);
  }

  std::snprintf(grid, sizeof grid, "|%d|%d|%zu", sweep_grid, sweep_points, settings.max_steps);
  const std::string sweep_key = inputs.surface + "|" + parameters + grid;
  if (want_sweep && can_sweep(*inputs.optimizer) && sweep_key != sweep_requested_) {
    sweep_requested_ = sweep_key;
    cancelled_ = false;
    const ParameterSpec* lr = nullptr;
    for (const ParameterSpec& spec : inputs.optimizer->parameter_table()) {
      if (spec.key == "lr") lr = &spec;
    }
    SweepSettings sweep_settings;
    sweep_settings.points = sweep_points;
    sweep_settings.basins = settings;
    sweep_settings.basins.grid = sweep_grid;
    sweep_settings = sweep_around(inputs.optimizer->parameter("lr"), lr->min_value, lr->max_value, sweep_settings);
    sweep_job_.request([cost = inputs.cost, optimizer = std::shared_ptr<Optimizer>(inputs.optimizer->clone()),
                        sweep_settings, surface = inputs.surface,
                        key = sweep_key](SweepResult& out, const std::atomic<bool>& cancel,
                                         std::atomic<double>& progress, const TimeSlice&) {
      out.surface = surface;
      out.key = key;
      return sweep_learning_rate(*cost, *optimizer, sweep_settings, out.points, &cancel, &progress)
                 ? TaskEnd::finished
                 : TaskEnd::cancelled;
    });
  }
  return new_map;
}

}  // namespace losscape
