#pragma once
// The basin map and the learning-rate sweep behind the window's overlay and statistics panel.
// Each is recomputed in the background when what it depends on changes (the surface, the
// optimizer, its parameters, the grid), and never holds up a frame for long (where no thread can
// start, a slice of each frame computes it): the previous map stays in use until the next one is
// ready.
#include "engine/sim/background_job.hpp"
#include "engine/sim/basin_statistics.hpp"

#include <memory>
#include <string>

namespace losscape {

class BasinAnalysis {
 public:
  // Tests ask for slices on the desktop too, to try the browser's way (background_job.hpp).
  explicit BasinAnalysis(RunTasks run = kRunTasksHere);

  struct Inputs {
    std::shared_ptr<const CostFunction> cost;
    const Optimizer* optimizer = nullptr;  // copied: its current parameters are what count
    std::string surface;                   // names the surface: function, domain, parameters
  };
  // Once a frame. Starts what is wanted and out of date; takes finished results. Returns true
  // when a new map arrived (for the overlay and the minima).
  bool update(const Inputs& inputs, bool want_map, bool want_sweep);
  // Stop both computations; the last results stay, and the same inputs are not computed again
  // until something changes or recompute() is called.
  void cancel();
  void recompute() { map_requested_.clear(), sweep_requested_.clear(), optimizer_requested_.clear(); }

  // Settings the panel edits (a change recomputes).
  BasinSettings settings;  // grid and step limit of the map
  int sweep_grid = 64;     // starts per side of each sweep point's map
  int sweep_points = 25;

  const BasinMap* map() const { return map_ ? &map_->map : nullptr; }
  const BasinStatistics& statistics() const { return statistics_; }
  const std::vector<SweepPoint>& sweep() const { return sweep_ ? sweep_->points : no_sweep_; }
  bool map_busy() const { return map_job_.busy(); }
  bool sweep_busy() const { return sweep_job_.busy(); }
  double map_progress() const { return map_job_.progress(); }
  double sweep_progress() const { return sweep_job_.progress(); }
  bool cancelled() const { return cancelled_; }
  // Optimizers without a learning rate (the physical ball) have no sweep.
  static bool can_sweep(const Optimizer& optimizer);

 private:
  struct MapResult {
    std::string surface, key;
    BasinMap map;
  };
  struct SweepResult {
    std::string surface, key;
    std::vector<SweepPoint> points;
  };

  BackgroundJob<MapResult> map_job_;
  BackgroundJob<SweepResult> sweep_job_;
  std::optional<MapResult> map_;
  std::optional<SweepResult> sweep_;
  BasinStatistics statistics_;
  std::vector<SweepPoint> no_sweep_;
  std::string map_requested_, sweep_requested_;  // the keys asked for last
  std::string optimizer_requested_;              // surface + optimizer name of the last map asked for
  bool cancelled_ = false;
};

}  // namespace losscape
