// The window's UI: the overlay, toasts and help over the picture, and the panel, whose sections are
// their own units in engine/app/panels/. Only engine/app touches ImGui.
#include "engine/app/overlay/overlay.hpp"
#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/ui/ui_theme.hpp"
#include "engine/app/window/interactive_app.hpp"

#include <imgui.h>

#include <algorithm>

namespace losscape {

void InteractiveApp::build_ui() {
  int width = 0, height = 0;
  surface_->framebuffer_size(width, height);
  std::string slide;
  if (session_->presentation().size() > 1)
    slide =
        std::to_string(session_->presentation().index() + 1) + " / " + std::to_string(session_->presentation().size());
  build_overlay({session_->simulation(), session_->scene(), renderer_, rig_.camera(), render_options_, width, height,
                 fonts_, renderer_.colormap_texture(render_options_.colormap), slide, presenter_,
                 show_ui_ ? panel_right_ : 0.0f, render_options_.explained_ball});
  capture_.report_written();
  toasts_.build(render_options_.theme);
  PanelContext context = panel_context();
  analysis_panel_.build_marker_tooltip(context, width, height);
  build_help_overlay();
  if (show_ui_) build_panel(context);
}

void InteractiveApp::build_panel(PanelContext& context) {
  ImGui::SetNextWindowPos(ImVec2(12, 12), ImGuiCond_FirstUseEver);
  // Never taller than the window: with many optimizers ticked the panel scrolls instead.
  const float max_height = ImGui::GetMainViewport()->WorkSize.y - 24.0f;
  ImGui::SetNextWindowSizeConstraints(ImVec2(360, 0), ImVec2(460, std::max(max_height, 200.0f)));
  ImGui::SetNextWindowBgAlpha(0.88f);
  ImGui::Begin("losscape", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  panel_right_ = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x;  // the overlay's title starts after it

  scene_panel_.build(context);
  function_panel_.build(context);
  optimizer_panel_.build(context);
  analysis_panel_.build(context);

  balls_panel_.build(context);
  step_panel_.build(context);
  screenshot_panel_.build(context);
  record_panel_.build(context, capture_.recording(), capture_.finishing());
  view_panel_.build(context);
  ImGui::TextDisabled("click terrain: drop balls   drag: orbit   right-drag: pan");
  ImGui::TextDisabled("wheel: zoom   double-click: reset view   Tab: hide UI");
  ImGui::TextDisabled("%.0f fps", static_cast<double>(ImGui::GetIO().Framerate));
  ImGui::End();
}

}  // namespace losscape
