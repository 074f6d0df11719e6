#include "engine/app/panels/schedule_widgets.hpp"

#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/ui/ui_theme.hpp"
#include "engine/core/schedule.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace losscape {

void ScheduleEditor::build(PanelContext& context, const std::string& optimizer, const Ball& group) {
  const Schedule* running = group.optimizer->schedule();
  const std::string current = running ? running->spec().name : "none";
  const auto apply = [&](const std::optional<ScheduleSpec>& spec) {
    if (spec) {
      if (Status checked = check_schedule(*spec); !checked) {
        problem = checked.error();
        return;
      }
    }
    problem.clear();
    context.session.set_schedule(optimizer, group.label, spec);
  };
  if (ImGui::BeginCombo("schedule", current.c_str())) {
    if (ImGui::Selectable("none", !running)) apply(std::nullopt);
    for (const ScheduleKind& kind : schedule_kinds()) {
      if (ImGui::Selectable(kind.name.c_str(), kind.name == current)) apply(suggested_schedule(kind));
      tooltip(kind.title.c_str());
    }
    ImGui::EndCombo();
  }
  tooltip("a learning-rate schedule from torch.optim.lr_scheduler; the ball's lr is its base lr");
  if (!running) return;
  const ScheduleKind* kind = find_schedule_kind(running->spec().name);
  ImGui::Indent();
  for (const ScheduleKey& key : kind->keys) {
    ImGui::PushID(key.key.c_str());
    const std::string value = schedule_value(running->spec(), key.key);
    ScheduleSpec edited = running->spec();
    const auto set = [&](const std::string& text) {
      auto& settings = edited.settings;
      auto at = std::find_if(settings.begin(), settings.end(), [&](const auto& s) { return s.first == key.key; });
      if (text.empty() && at != settings.end()) settings.erase(at);  // back to the default
      else if (at != settings.end()) at->second = text;
      else if (!text.empty()) settings.emplace_back(key.key, text);
      apply(edited);
    };
    if (key.kind == ScheduleValue::choice) {
      if (ImGui::BeginCombo(key.key.c_str(), value.c_str())) {
        for (const std::string& choice : key.choices)
          if (ImGui::Selectable(choice.c_str(), choice == value)) set(choice);
        ImGui::EndCombo();
      }
    } else {
      // Typed as text, as on the command line: a number, 0/1, or milestones 100;250. Enter applies.
      char text[128];
      std::snprintf(text, sizeof text, "%s", value.c_str());
      const char* hint = key.ball_lr ? "the ball's lr" : "";
      if (ImGui::InputTextWithHint(key.key.c_str(), hint, text, sizeof text, ImGuiInputTextFlags_EnterReturnsTrue))
        set(text);
    }
    tooltip(key.help.c_str());
    ImGui::PopID();
  }
  if (!problem.empty()) ImGui::TextColored(ui_colours(context.view.theme).bad, "%s", problem.c_str());
  ImGui::Unindent();
}

void schedule_plot(PanelContext& context) {
  const auto& balls = context.session.simulation().balls();
  std::size_t horizon = 1;
  double hi = 0.0;
  std::vector<std::pair<const Ball*, std::vector<double>>> curves;
  for (const Ball& ball : balls) {
    const Schedule* schedule = ball.swarm ? nullptr : ball.optimizer->schedule();
    if (schedule) horizon = std::max({horizon, schedule->natural_length(), ball.steps + 1});
  }
  // A few thousand lrs per ball per frame at most: milestones a billion steps away, or a run of
  // millions of steps, must not stall the frame (the dot then waits at the right edge).
  horizon = std::min<std::size_t>(horizon, 20000);
  for (const Ball& ball : balls) {
    const Schedule* schedule = ball.swarm ? nullptr : ball.optimizer->schedule();
    if (!schedule) continue;
    curves.emplace_back(&ball, schedule->preview(schedule->ball_lr(), horizon + 1));
    for (double lr : curves.back().second) hi = std::max(hi, lr);
  }
  if (curves.empty()) return;
  if (!(hi > 0.0)) hi = 1.0;
  ImGui::TextDisabled("learning rate (the schedule)");
  const PlotArea plot = plot_area("schedule plot", 80.0f);
  const auto to_screen = [&](std::size_t step, double lr) {
    return ImVec2(
        plot.min.x + 4.0f +
            static_cast<float>(static_cast<double>(step) / static_cast<double>(horizon)) * (plot.width() - 8.0f),
        plot.max.y - 4.0f - static_cast<float>(lr / hi) * (plot.height() - 8.0f));
  };
  for (const auto& [ball, lrs] : curves) {
    const ImU32 colour = ImGui::ColorConvertFloat4ToU32(to_imgui(ball->colour));
    // At most a point per pixel column: a schedule of 100,000 steps is a few hundred segments.
    const std::size_t stride = std::max<std::size_t>(1, lrs.size() / static_cast<std::size_t>(plot.width()));
    for (std::size_t i = stride; i < lrs.size(); i += stride)
      plot.draw->AddLine(to_screen(i - stride, lrs[i - stride]), to_screen(i, lrs[i]), colour, 1.5f);
    // The step the ball has reached: the lr its next step uses.
    const std::size_t step = std::min(ball->steps, lrs.size() - 1);
    const ImVec2 at = to_screen(step, lrs[step]);
    plot.draw->AddLine(ImVec2(at.x, plot.min.y + 2.0f), ImVec2(at.x, plot.max.y - 2.0f), IM_COL32(200, 200, 200, 90));
    plot.draw->AddCircleFilled(at, 4.0f, colour);
  }
  char label[64];
  std::snprintf(label, sizeof label, "%.4g", hi);
  plot.draw->AddText(ImVec2(plot.min.x + 6, plot.min.y + 3), IM_COL32(200, 200, 200, 200), label);
  std::snprintf(label, sizeof label, "step %zu", horizon);
  plot.draw->AddText(ImVec2(plot.max.x - 8 - ImGui::CalcTextSize(label).x, plot.max.y - 17),
                     IM_COL32(200, 200, 200, 200), label);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("each scheduled ball's lr against step; the dot: the step it is at");
}

}  // namespace losscape
