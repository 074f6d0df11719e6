#include "engine/app/panels/optimizer_panel.hpp"

#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/core/optimizers/scheduled.hpp"
#include "engine/core/optimizers/wrapper.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace losscape {

void OptimizerPanel::build(PanelContext& context) {
  if (!ImGui::CollapsingHeader("Optimizers", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::TextDisabled("tick several to race them from the same start");
  // Under the registry's group headings (classic, adaptive, ...), each open to begin with.
  for (const OptimizerGroup group : optimizer_groups()) {
    const std::vector<std::string> names = optimizer_names_in(group);
    if (names.empty()) continue;
    if (!ImGui::TreeNodeEx(group_title(group), ImGuiTreeNodeFlags_DefaultOpen)) continue;
    for (const std::string& name : names) build_optimizer(context, name);
    ImGui::TreePop();
  }
}

void OptimizerPanel::build_optimizer(PanelContext& context, const std::string& name) {
  // A wrapper's row holds its balls over any inner method (lookahead:momentum under lookahead).
  const auto in_row = [&](const Ball& b) {
    const std::string& n = b.optimizer->name();
    return !b.swarm && (n == name || (is_wrapper_name(name) && n.compare(0, name.size() + 1, name + ":") == 0));
  };
  const auto& all_balls = context.session.simulation().balls();
  const auto first = std::find_if(all_balls.begin(), all_balls.end(), in_row);
  const Ball* ball = first == all_balls.end() ? nullptr : &*first;
  bool enabled = ball != nullptr;
  auto prototype = make_optimizer(name);
  ImGui::PushID(name.c_str());
  if (ImGui::Checkbox("##on", &enabled)) {
    if (enabled) context.session.set_optimizer_enabled(name, true);
    for (const Ball& b : all_balls) {  // off: every inner method's balls go
      if (!enabled && in_row(b)) context.session.set_optimizer_enabled(b.optimizer->name(), false);
    }
  }
  ImGui::SameLine();
  if (ball) {
    colour_swatch("##colour", ball->colour);
    ImGui::SameLine();
  }
  // A wrapper's title names what it wraps: its first ball's method, else the bare name's.
  ImGui::TextUnformatted((ball ? ball->optimizer : prototype)->title().c_str());
  // One block of sliders per group of balls sharing this optimizer and a label: a scene may
  // race gradient descent against itself at three learning rates. The optimizer's parameter
  // table is the single source of the sliders.
  std::vector<const Ball*> groups;
  for (const Ball& b : all_balls) {
    if (!in_row(b)) continue;
    if (std::none_of(groups.begin(), groups.end(),
                     [&](const Ball* g) { return g->label == b.label && g->optimizer->name() == b.optimizer->name(); }))
      groups.push_back(&b);
  }
  for (const Ball* group : groups) {
    const std::string& group_name = group->optimizer->name();  // lookahead:momentum, in a wrapper's row
    ImGui::PushID((group_name + "/" + group->label).c_str());
    ImGui::Indent();
    if (groups.size() > 1 || group->label != group->optimizer->title()) {
      colour_swatch("##group", group->colour);
      ImGui::SameLine();
      ImGui::TextDisabled("%s", group->label.c_str());
    }
    const Optimizer* method = group->optimizer.get();  // under a schedule, the method it schedules
    if (const auto* scheduled = dynamic_cast<const ScheduledOptimizer*>(method)) method = &scheduled->method();
    if (const auto* wrapper = dynamic_cast<const WrapperOptimizer*>(method)) {
      // The method it wraps: its parameters follow the wrapper's own below.
      const std::string& inner = wrapper->inner().name();
      if (ImGui::BeginCombo("wraps", inner.c_str())) {
        for (const std::string& candidate : wrappable_optimizer_names()) {
          if (ImGui::Selectable(candidate.c_str(), candidate == inner) && candidate != inner)
            context.session.set_inner_method(group_name, group->label, candidate);
        }
        ImGui::EndCombo();
      }
      tooltip("the method Lookahead or SAM wraps (the name lookahead:INNER in scene files and on the command line)");
    }
    for (const ParameterSpec& spec : group->optimizer->parameter_table()) {
      double value = group->optimizer->parameter(spec.key);
      if (is_boolean(spec)) {  // torch's boolean options: off (0) or on (1)
        bool on = value != 0.0;
        if (ImGui::Checkbox(spec.key.c_str(), &on))
          context.session.set_parameter(group_name, group->label, spec.key, on ? 1.0 : 0.0);
        tooltip(spec.help.c_str());
        continue;
      }
      const double lo = spec.min_exclusive && spec.log_scale ? std::max(spec.min_value, 1e-6) : spec.min_value;
      const ImGuiSliderFlags flags = (spec.log_scale ? ImGuiSliderFlags_Logarithmic : 0) | ImGuiSliderFlags_AlwaysClamp;
      const bool moved = ImGui::SliderScalar(spec.key.c_str(), ImGuiDataType_Double, &value, &lo, &spec.max_value,
                                             spec.whole ? "%.0f" : "%.4g", flags);
      if (spec.whole) value = std::round(value);  // L-BFGS's max_iter, history_size: counts
      if (moved && check_parameter(spec, value)) {
        context.session.set_parameter(group_name, group->label, spec.key, value);
      }
      tooltip(spec.help.c_str());
    }
    schedules[group_name + "\n" + group->label].build(context, group_name, *group);
    ImGui::Unindent();
    ImGui::PopID();
  }
  ImGui::PopID();
}

}  // namespace losscape
