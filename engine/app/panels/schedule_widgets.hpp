#pragma once
// The learning-rate schedule's widgets: the Optimizers section's picker and keys for a group of
// balls, and the Loss section's plot of each scheduled ball's lr with a marker at its step. Both
// are made from the one table of schedules and their keys (core/schedule.hpp).
#include "engine/app/panels/panel_context.hpp"

#include <string>

namespace losscape {

struct Ball;

// A combo (none, or one of torch's schedules) and a field per key; an edit the table refuses is
// shown under the fields and not applied.
struct ScheduleEditor {
  void build(PanelContext& context, const std::string& optimizer, const Ball& group);
  std::string problem;  // the last refused edit's one line
};

// Each scheduled ball's lr over its schedule's natural length (or the steps so far), a marker at
// the step it has reached. Nothing when no ball has a schedule.
void schedule_plot(PanelContext& context);

}  // namespace losscape
