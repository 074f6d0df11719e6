#pragma once
// The panel's Optimizers section: a box per optimizer (tick several to race them from the same
// start), and under each ticked one its parameter sliders, made from the optimizer's own
// parameter table; a new value takes effect on the next step.
#include "engine/app/panels/panel_context.hpp"

namespace losscape {

struct OptimizerPanel {
  void build(PanelContext& context);
};

}  // namespace losscape
