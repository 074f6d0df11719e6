#pragma once
// The panel's Optimizers section: a box per optimizer (tick several to race them from the same
// start), listed under collapsible group headings (classic, adaptive, ...), and under each ticked one its parameter
// sliders, made from the optimizer's own parameter table, and its learning-rate schedule; a new value takes effect on
// the next step. Under it, the Noise section: what every ball sees (gradient noise, the seed, a data-backed cost's
// batch size).
#include "engine/app/panels/panel_context.hpp"
#include "engine/app/panels/schedule_widgets.hpp"

#include <map>
#include <string>
#include <vector>

namespace losscape {

struct OptimizerPanel {
  void build(PanelContext& context);
  std::map<std::string, ScheduleEditor> schedules;  // by optimizer and label: each group's own
  std::vector<OptimizerGroup> groups_in_use;        // the method groups the balls used last frame

 private:
  void build_optimizers(PanelContext& context);
  void build_noise_controls(PanelContext& context);
  // One optimizer's box, colour and sliders (and its groups' schedules); `balls`: those that can
  // have a row (no swarm members).
  void build_optimizer(PanelContext& context, const std::string& name, const std::vector<const Ball*>& balls);
};

}  // namespace losscape
