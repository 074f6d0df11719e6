#pragma once
// The panel's middle: playback (steps per second, play, step, reset, screenshot), the Balls table
// (each ball's optimizer, steps, f, |grad f| and status; export as CSV; clicking a row selects the
// ball the Step section explains) and the Loss plot.
#include "engine/app/panels/panel_context.hpp"

namespace losscape {

struct BallsPanel {
  bool loss_log_scale = true;  // the loss plot shows log10(f - f*)

  void build(PanelContext& context);

 private:
  void build_table(PanelContext& context);
  void build_loss_plot(PanelContext& context);
};

}  // namespace losscape
