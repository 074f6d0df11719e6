#pragma once
// "Why did it get stuck?": the panel's Local versus global minima section (the swarm, the basin
// map, its statistics, the learning-rate sweep), and what a minimum's pin says when the pointer
// rests on it.
#include "engine/app/panels/panel_context.hpp"
#include "engine/app/panels/stability_panel.hpp"
#include "engine/sim/swarm.hpp"

namespace losscape {

struct AnalysisPanel {
  SwarmSpec swarm;               // what "Launch swarm" (and S) launches
  bool statistics_open = false;  // whether the statistics are shown (the map is computed only then)
  bool sweep_open = false;       // whether the learning-rate sweep is shown (computed only then)
  StabilityPanel stability;      // the stability map, computed when asked

  void build(PanelContext& context);
  // Over the picture: the pin under the pointer, its f, its basin's share and the swarm's.
  void build_marker_tooltip(PanelContext& context, int width, int height);

 private:
  void build_swarm_controls(PanelContext& context);
  void build_basin_controls(PanelContext& context);
  void build_statistics(PanelContext& context);
  void build_sweep_plot(PanelContext& context);
};

}  // namespace losscape
