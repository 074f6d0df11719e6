#include "engine/app/panels/optimizer_panel.hpp"

#include "engine/app/ui/imgui_helpers.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace losscape {

void OptimizerPanel::build(PanelContext& context) {
  if (!ImGui::CollapsingHeader("Optimizers", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::TextDisabled("tick several to race them from the same start");
  for (const std::string& name : optimizer_names()) {
    const Ball* ball = first_ball_of(context.session.simulation(), name);
    bool enabled = ball != nullptr;
    auto prototype = make_optimizer(name);
    ImGui::PushID(name.c_str());
    if (ImGui::Checkbox("##on", &enabled)) context.session.set_optimizer_enabled(name, enabled);
    ImGui::SameLine();
    if (ball) {
      colour_swatch("##colour", ball->colour);
      ImGui::SameLine();
    }
    ImGui::TextUnformatted(prototype->title().c_str());
    // One block of sliders per group of balls sharing this optimizer and a label: a scene may
    // race gradient descent against itself at three learning rates. The optimizer's parameter
    // table is the single source of the sliders.
    std::vector<const Ball*> groups;
    for (const Ball& b : context.session.simulation().balls()) {
      if (b.swarm || b.optimizer->name() != name) continue;
      if (std::none_of(groups.begin(), groups.end(), [&](const Ball* g) { return g->label == b.label; }))
        groups.push_back(&b);
    }
    for (const Ball* group : groups) {
      ImGui::PushID(group->label.c_str());
      ImGui::Indent();
      if (groups.size() > 1 || group->label != prototype->title()) {
        colour_swatch("##group", group->colour);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", group->label.c_str());
      }
      for (const ParameterSpec& spec : group->optimizer->parameter_table()) {
        double value = group->optimizer->parameter(spec.key);
        if (is_boolean(spec)) {  // torch's boolean options: off (0) or on (1)
          bool on = value != 0.0;
          if (ImGui::Checkbox(spec.key.c_str(), &on))
            context.session.set_parameter(name, group->label, spec.key, on ? 1.0 : 0.0);
          tooltip(spec.help.c_str());
          continue;
        }
        const double lo = spec.min_exclusive && spec.log_scale ? std::max(spec.min_value, 1e-6) : spec.min_value;
        const ImGuiSliderFlags flags =
            (spec.log_scale ? ImGuiSliderFlags_Logarithmic : 0) | ImGuiSliderFlags_AlwaysClamp;
        const bool moved = ImGui::SliderScalar(spec.key.c_str(), ImGuiDataType_Double, &value, &lo, &spec.max_value,
                                               spec.whole ? "%.0f" : "%.4g", flags);
        if (spec.whole) value = std::round(value);  // L-BFGS's max_iter, history_size: counts
        if (moved && check_parameter(spec, value)) {
          context.session.set_parameter(name, group->label, spec.key, value);
        }
        tooltip(spec.help.c_str());
      }
      schedules[name + "\n" + group->label].build(context, name, *group);
      ImGui::Unindent();
      ImGui::PopID();
    }
    ImGui::PopID();
  }
}

}  // namespace losscape
