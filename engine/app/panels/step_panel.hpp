#pragma once
// The Step section: the selected ball's next step explained (Optimizer::explain): its method's
// update rule as equations with this step's numbers, the hyperparameters by name, and the legend
// of the term arrows the terrain draws when "arrows on the terrain" (arrows.terms) is on. A ball
// is selected by clicking its row in the Balls table; the first ball until then.
#include "engine/app/panels/panel_context.hpp"

namespace losscape {

struct StepPanel {
  void build(PanelContext& context);
};

}  // namespace losscape
