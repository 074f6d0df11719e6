// The window's UI: the overlay, toasts and help over the picture, and the panel, whose sections are
// their own units in engine/app/panels/ (the View section is still here). Only engine/app touches ImGui.
#include "engine/app/imgui_helpers.hpp"
#include "engine/app/interactive_app.hpp"
#include "engine/app/overlay.hpp"
#include "engine/app/ui_theme.hpp"
#include "engine/core/builtin_functions.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <limits>

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
                 show_ui_ ? panel_right_ : 0.0f});
  for (const auto& result : png_writer_.take_finished()) {
    toast(result.error.empty() ? "saved " + result.path : result.error, !result.error.empty());
  }
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
  screenshot_panel_.build(context);
  record_panel_.build(context, recording_.get(), finishing_.valid());
  if (ImGui::CollapsingHeader("View")) {
    ImGui::Checkbox("trails", &render_options_.show_trails);
    ImGui::SameLine();
    ImGui::Checkbox("grid and box", &render_options_.show_bounds);
    tooltip("The floor grid and the box around the terrain, with the values of x, y and f along their edges.");
    ImGui::Checkbox("shadows", &render_options_.show_shadows);
    tooltip("Each ball's soft shadow on the terrain, so its height above the ground reads.");
    ImGui::SameLine();
    ImGui::Checkbox("minima pins", &render_options_.show_markers);
    tooltip("M: a pin on every known minimum (gold: global) and on minima the swarm or the\n"
            "basin map found; rest the pointer on one for its f value.");
    ImGui::Checkbox("gradient arrow", &render_options_.show_gradient);
    tooltip("Downhill direction -grad f at each ball; longer where the slope is steeper.");
    ImGui::SameLine();
    ImGui::Checkbox("velocity arrow", &render_options_.show_velocity);
    tooltip("The method's momentum or velocity: where its memory pushes the ball.");
    if (ImGui::Checkbox("next-step preview", &render_options_.show_preview)) {
      session_->simulation().set_compute_preview(render_options_.show_preview);
    }
    tooltip("A ghost ball where the next solver step will land.");
    ImGui::Checkbox("contours", &render_options_.show_contours);
    tooltip("Lines of equal f, evenly spaced in the drawn height (so in log f on a log scale).");
    ImGui::SameLine();
    ImGui::Checkbox("wireframe", &render_options_.show_wireframe);
    tooltip("The grid the terrain is drawn on: every fourth line of its finest grid.");
    ImGui::SameLine();
    ImGui::Checkbox("floor map", &render_options_.show_floor_map);
    tooltip("A flat contour map of f on the floor under the terrain, with the balls' paths on it:\n"
            "the 3D surface and the 2D picture students know from the textbook, at once.");
    int colormap = static_cast<int>(render_options_.colormap);  // colormap_names() is in enum order
    const auto colormap_name = [](void*, int i, const char** out) {
      *out = colormap_names()[static_cast<std::size_t>(i)].c_str();
      return true;
    };
    if (ImGui::Combo("colours", &colormap, colormap_name, nullptr, static_cast<int>(colormap_names().size()))) {
      render_options_.colormap = static_cast<Colormap>(colormap);
    }
    tooltip("viridis, magma, cividis: even steps, fine in greyscale; turbo: a rainbow; terrain: map tints.");
    int colour_by = static_cast<int>(render_options_.colour_by);  // the items are in enum order
    if (ImGui::Combo("colour by", &colour_by, "height\0slope |grad f|\0basin of attraction\0")) {
      render_options_.colour_by = static_cast<ColourBy>(colour_by);
    }
    tooltip("Height: low to high. Slope: from flat (dark) to the steepest ground (bright).\n"
            "Basin: each point in the colour of the minimum a ball started there ends in (B).");
    const bool own_is_log = session_->simulation().cost().height_transform() == HeightTransform::log1p;
    const char* heights[] = {own_is_log ? "function's own (log)" : "function's own (linear)", "linear", "log"};
    int height = !render_options_.height ? 0 : *render_options_.height == HeightTransform::linear ? 1 : 2;
    if (ImGui::Combo("height", &height, heights, 3)) {
      render_options_.height = height == 0   ? std::nullopt
                               : height == 1 ? std::optional(HeightTransform::linear)
                                             : std::optional(HeightTransform::log1p);
    }
    tooltip("How f becomes height: linear, or log(1 + f - min), which shows deep valleys in steep walls.");
    build_resolution_control();
    ImGui::Checkbox("colour bar", &render_options_.show_colourbar);
    tooltip("The colour map's key on the right, with the values of f (or |grad f|) it stands for.");
    ImGui::SameLine();
    int theme = render_options_.theme == Theme::light ? 1 : 0;
    ImGui::SetNextItemWidth(8.0f * ImGui::GetFontSize());
    if (ImGui::Combo("theme", &theme, "dark\0light\0")) render_options_.theme = theme == 1 ? Theme::light : Theme::dark;
    tooltip("L: dark for the lecture hall (dark sky, light lines), light for printed notes (white sky, dark lines).");
    bool msaa = render_options_.msaa_samples > 0;
    if (ImGui::Checkbox("4x anti-aliasing", &msaa)) render_options_.msaa_samples = msaa ? 4 : 0;
    tooltip("Smoother edges on screen. Off by default on software OpenGL, where it costs 2.6x the\n"
            "frame time. Headless pictures and recordings always use it.");
    if (ImGui::SmallButton("reset view"))
      rig_.camera() = initial_camera(session_->scene(), session_->simulation().cost());
    ImGui::SameLine();
    if (ImGui::SmallButton(rig_.top_down() ? "3D view" : "top-down view")) toggle_top_down_view();
    tooltip("T: the flat contour view straight from above (orthographic, x right, y up), and back.");
  }
  ImGui::TextDisabled("click terrain: drop balls   drag: orbit   right-drag: pan");
  ImGui::TextDisabled("wheel: zoom   double-click: reset view   Tab: hide UI");
  ImGui::TextDisabled("%.0f fps", static_cast<double>(ImGui::GetIO().Framerate));
  ImGui::End();
}

void InteractiveApp::build_resolution_control() {
  // As scene files and --resolution name them (parse_terrain_resolution).
  static constexpr const char* kChoices[] = {"auto", "auto:257", "auto:513", "64", "128", "256", "512", "1024"};
  const auto label = [](const std::string& name) {
    if (name.starts_with("auto:")) return "auto, finest " + name.substr(5) + "+";
    return name == "auto" ? name : name + " x " + name;
  };
  const std::string current = terrain_resolution_name(render_options_);
  if (ImGui::BeginCombo("mesh", label(current).c_str())) {
    for (const char* choice : kChoices) {
      if (ImGui::Selectable(label(choice).c_str(), current == choice))
        parse_terrain_resolution(choice, render_options_);
    }
    ImGui::EndCombo();
  }
  if (!ImGui::IsItemHovered()) return;  // the mesh's figures are counted only for the tooltip
  const SceneRenderer::TerrainStats stats = renderer_.terrain_stats();
  const std::string detail = "auto: as fine as f bends (finest " + std::to_string(stats.size) +
                             " a side here), finer\n"
                             "near the camera, coarser far off and on flat ground; finest N+: at least N a\n"
                             "side. A number: a uniform mesh, the same everywhere. Now " +
                             std::to_string(stats.triangles) + " triangles.";
  ImGui::SetTooltip("%s", detail.c_str());
}

}  // namespace losscape
