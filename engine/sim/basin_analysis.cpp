#include "engine/sim/basin_analysis.hpp"

#include "engine/sim/worker_threads.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <type_traits>
#include <utility>

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

// A job's task for a resumable computation (a BasinMapper, a LearningRateSweep) that `make`
// makes on the task's first call: each call goes on with it, to its end on the job's worker
// thread, a slice of each frame where there is none. Finished, it is the result (`Result` is a
// MapResult or a SweepResult: surface, key, what was computed).
template <class Result, class Make>
typename BackgroundJob<Result>::Task resumable_task(std::string surface, std::string key,
                                                    std::shared_ptr<const CostFunction> cost, Make make) {
  struct State {
    std::shared_ptr<const CostFunction> cost;
    // Made on the first call (from the job's cancel and progress), and gone before the surface
    // it works on.
    std::invoke_result_t<const Make&, const CostFunction&, const std::atomic<bool>&, std::atomic<double>&> computation;
  };
  auto state = std::make_shared<State>(State{std::move(cost), nullptr});
  return [state, make = std::move(make), surface = std::move(surface), key = std::move(key)](
             Result& out, const std::atomic<bool>& cancel, std::atomic<double>& progress, const TimeSlice& slice) {
    if (!state->computation) state->computation = make(*state->cost, cancel, progress);
    const TaskEnd end = state->computation->run(slice);
    if (end == TaskEnd::finished) out = {surface, key, state->computation->finish()};
    return end;
  };
}

}  // namespace

// In slices the caller's thread is the one to use: threads started and joined each frame would
// take cores from the frame they are to keep smooth.
BasinAnalysis::BasinAnalysis(RunTasks run) : map_job_(run), sweep_job_(run) {
  settings.threads = run == RunTasks::on_worker_thread ? background_threads() : 1;
}

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
  // In slices (a browser page), the map and the sweep share the frame's time for them.
  const auto slice = map_job_.busy() && sweep_job_.busy() ? kSliceBudget / 2 : kSliceBudget;
  if (auto result = map_job_.take_result(slice); result && result->surface == inputs.surface) {
    map_ = std::move(result);
    statistics_ = summarize(map_->map);
    new_map = true;
  }
  if (auto result = sweep_job_.take_result(slice); result && result->surface == inputs.surface)
    sweep_ = std::move(result);
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
    auto task = resumable_task<MapResult>(
        inputs.surface, map_key, inputs.cost,
        [optimizer = std::shared_ptr<Optimizer>(inputs.optimizer->clone()), s = settings](
            const CostFunction& cost, const std::atomic<bool>& cancel, std::atomic<double>& progress) {
          return std::make_unique<BasinMapper>(cost, *optimizer, s, &cancel, &progress);
        });
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
    sweep_job_.request(resumable_task<SweepResult>(
        inputs.surface, sweep_key, inputs.cost,
        [optimizer = std::shared_ptr<Optimizer>(inputs.optimizer->clone()), sweep_settings](
            const CostFunction& cost, const std::atomic<bool>& cancel, std::atomic<double>& progress) {
          return std::make_unique<LearningRateSweep>(cost, *optimizer, sweep_settings, &cancel, &progress);
        }));
  }
  return new_map;
}

}  // namespace losscape
