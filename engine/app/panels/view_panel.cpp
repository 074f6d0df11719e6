#include "engine/app/panels/view_panel.hpp"

#include "engine/app/scene_view.hpp"
#include "engine/app/ui/imgui_helpers.hpp"

#include <algorithm>

namespace losscape {

void ViewPanel::build(PanelContext& context) {
  if (!ImGui::CollapsingHeader("View")) return;
  build_settings(context);
  bool msaa = context.view.msaa_samples > 0;
  if (ImGui::Checkbox("4x anti-aliasing", &msaa)) context.view.msaa_samples = msaa ? 4 : 0;
  tooltip("Smoother edges on screen. Off by default on software OpenGL, where it costs 2.6x the\n"
          "frame time. Headless pictures and recordings always use it.");
  if (ImGui::SmallButton("reset view"))
    context.rig.camera() = initial_camera(context.session.scene(), context.session.simulation().cost());
  ImGui::SameLine();
  if (ImGui::SmallButton(context.rig.top_down() ? "3D view" : "top-down view")) context.requests.top_down = true;
  tooltip("T: the flat contour view straight from above (orthographic, x right, y up), and back.");
}

void ViewPanel::build_settings(PanelContext& context) {
  for (const ViewField& field : view_fields()) {
    if (!field.label) continue;  // elsewhere in the panel, or only in files
    if (field.key == std::string_view("height")) {
      build_height_control(context, field.label);
    } else if (field.key == std::string_view("resolution")) {
      build_resolution_control(context, field.label);
    } else if (field.on_off) {
      // The preview costs a step per ball: the simulation computes it only when it is shown.
      if (ImGui::Checkbox(field.label, &(context.view.*field.on_off)) && field.on_off == &ViewSettings::show_preview)
        context.session.simulation().set_compute_preview(context.view.show_preview);
    } else {
      build_choice_control(context, field);
    }
    if (field.tooltip) tooltip(field.tooltip);
    if (field.same_line) ImGui::SameLine();
  }
}

void ViewPanel::build_choice_control(PanelContext& context, const ViewField& field) {
  const std::vector<std::string>& names = field.names();
  const std::vector<std::string>& shown = field.labels.empty() ? names : field.labels;
  int index = static_cast<int>(std::find(names.begin(), names.end(), field.text(context.view)) - names.begin());
  const auto item = [](void* data, int i, const char** out) {
    *out = (*static_cast<const std::vector<std::string>*>(data))[static_cast<std::size_t>(i)].c_str();
    return true;
  };
  void* data = const_cast<void*>(static_cast<const void*>(&shown));
  if (ImGui::Combo(field.label, &index, item, data, static_cast<int>(shown.size())))
    field.set_text(names[static_cast<std::size_t>(index)], context.view);
}

void ViewPanel::build_height_control(PanelContext& context, const char* label) {
  const bool own_is_log = context.session.simulation().cost().height_transform() == HeightTransform::log1p;
  const char* heights[] = {own_is_log ? "function's own (log)" : "function's own (linear)", "linear", "log"};
  int height = !context.view.height ? 0 : *context.view.height == HeightTransform::linear ? 1 : 2;
  if (ImGui::Combo(label, &height, heights, 3)) {
    context.view.height = height == 0   ? std::nullopt
                          : height == 1 ? std::optional(HeightTransform::linear)
                                        : std::optional(HeightTransform::log1p);
  }
}

void ViewPanel::build_resolution_control(PanelContext& context, const char* label) {
  // As scene files and --resolution name them (parse_terrain_resolution).
  static constexpr const char* kChoices[] = {"auto", "auto:257", "auto:513", "64", "128", "256", "512", "1024"};
  const auto shown = [](const std::string& name) {
    if (name.starts_with("auto:")) return "auto, finest " + name.substr(5) + "+";
    return name == "auto" ? name : name + " x " + name;
  };
  const std::string current = terrain_resolution_name(context.view);
  if (ImGui::BeginCombo(label, shown(current).c_str())) {
    for (const char* choice : kChoices) {
      if (ImGui::Selectable(shown(choice).c_str(), current == choice)) parse_terrain_resolution(choice, context.view);
    }
    ImGui::EndCombo();
  }
  if (!ImGui::IsItemHovered()) return;  // the mesh's figures are counted only for the tooltip
  const SceneRenderer::TerrainStats stats = context.renderer.terrain_stats();
  const std::string detail = "auto: as fine as f bends (finest " + std::to_string(stats.size) +
                             " a side here), finer\n"
                             "near the camera, coarser far off and on flat ground; finest N+: at least N a\n"
                             "side. A number: a uniform mesh, the same everywhere. Now " +
                             std::to_string(stats.triangles) + " triangles.";
  ImGui::SetTooltip("%s", detail.c_str());
}

}  // namespace losscape
