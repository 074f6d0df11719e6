// Presenter mode and the camera helpers of a lecture: fullscreen with the panel hidden and large
// text, the UI scale for projectors, the camera orbiting by itself or following the ball, camera
// bookmarks on the number keys, and the help overlay listing every key.
#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/ui/ui_theme.hpp"
#include "engine/app/window/interactive_app.hpp"
#include "engine/app/window/key_bindings.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>

namespace losscape {
namespace {

constexpr float kPresenterTextScale = 1.5f;  // read from the back of a lecture hall

}  // namespace

void InteractiveApp::set_ui_scale(float scale) { ui_scale_ = std::clamp(scale, 0.6f, 4.0f); }

void InteractiveApp::apply_ui_style() {
  const float scale = ui_scale_ * (presenter_ ? kPresenterTextScale : 1.0f);
  if (scale == applied_ui_scale_ && render_options_.theme == applied_theme_) return;
  if (scale != applied_ui_scale_) {
    // Fonts are baked at the size they are drawn: sharp at any scale (scaling a small font blurs).
    fonts_ = load_fonts(scale);
    ImGui::GetIO().FontDefault = fonts_.panel;
    // The backend makes the first font texture itself on its first frame (making one here too
    // would leak it); later scales replace it.
    if (applied_ui_scale_ > 0.0f) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
  }
  ImGui::GetStyle() = themed_style(render_options_.theme, scale);
  applied_ui_scale_ = scale;
  applied_theme_ = render_options_.theme;
}

void InteractiveApp::toggle_theme() {
  render_options_.theme = render_options_.theme == Theme::dark ? Theme::light : Theme::dark;
  toast(render_options_.theme == Theme::light ? "light theme (for print): L for dark" : "dark theme: L for light");
}

void InteractiveApp::toggle_presenter_mode() {
  presenter_ = !presenter_;
  if (presenter_) {
    was_fullscreen_ = surface_->is_fullscreen();
    if (!was_fullscreen_) surface_->toggle_fullscreen();
    show_ui_ = false;
  } else {
    if (surface_->is_fullscreen() && !was_fullscreen_) surface_->toggle_fullscreen();
    show_ui_ = true;
  }
  toast(presenter_ ? "presenter mode: F5 or Esc to leave, H for the keys" : "presenter mode off");
}

void InteractiveApp::update_automatic_camera(double seconds) {
  std::optional<glm::vec3> followed;  // the first ordinary ball, where it is drawn
  if (rig_.following()) {
    const Simulation& simulation = session_->simulation();
    const auto ball =
        std::find_if(simulation.balls().begin(), simulation.balls().end(), [](const Ball& b) { return !b.swarm; });
    if (ball != simulation.balls().end()) {
      followed =
          renderer_.ball_centre(simulation.cost(), simulation.display_position(*ball), render_options_.ball_radius);
    }
  }
  rig_.update_motion(seconds, followed);
}

void InteractiveApp::toggle_top_down_view() {
  if (rig_.toggle_top_down(render_options_.show_contours, default_camera(session_->simulation().cost()),
                           surface_->time_seconds())) {
    toast("top-down contour view: drag moves the map, T goes back to 3D");
  }
}

void InteractiveApp::store_bookmark(int key) {
  rig_.store_bookmark(key);
  toast("camera bookmark " + std::to_string(key) + " stored: press " + std::to_string(key) + " to come back");
}

void InteractiveApp::recall_bookmark(int key) {
  if (!rig_.recall_bookmark(key, surface_->time_seconds())) {
    toast("no camera bookmark " + std::to_string(key) + " yet: Ctrl+" + std::to_string(key) + " stores one");
  }
}

void InteractiveApp::build_help_overlay() {
  if (!show_help_) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::PushFont(fonts_.text);
  ImGui::Begin("Keys", &show_help_,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    for (const KeyBinding& row : key_bindings()) {  // every key and gesture, in presenter mode too
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ui_colours(render_options_.theme).highlight, "%s", keys_text(row).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.help);
    }
    ImGui::EndTable();
  }
  ImGui::End();
  ImGui::PopFont();
}

}  // namespace losscape
