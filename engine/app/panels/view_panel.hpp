#pragma once
// The panel's View section: a control for each row of the view settings' table (view_fields.hpp:
// a box for a switch, a list for a name), the height scale naming the function's own, the terrain
// mesh (auto or uniform N x N) counting its triangles, anti-aliasing, and the camera's resets.
#include "engine/app/panels/panel_context.hpp"
#include "engine/scene/view_fields.hpp"

namespace losscape {

struct ViewPanel {
  void build(PanelContext& context);

 private:
  void build_settings(PanelContext& context);
  void build_choice_control(PanelContext& context, const ViewField& field);
  void build_height_control(PanelContext& context, const char* label);
  void build_resolution_control(PanelContext& context, const char* label);
};

}  // namespace losscape
