#include "engine/app/panels/balls_panel.hpp"

#include "engine/app/panels/schedule_widgets.hpp"
#include "engine/app/panels/training_path_text.hpp"
#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/ui/text_wrap.hpp"
#include "engine/app/ui/ui_theme.hpp"
#include "engine/core/optimizers/path_replay.hpp"
#include "engine/scene/external_solver.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace losscape {
namespace {

// The value the loss plot shows: f, or on the log scale f - f* (distance to the best value).
double plotted(double f, bool log_scale, double reference) {
  if (!log_scale) return f;
  return std::log10(std::max(f - reference, 1e-16));
}

}  // namespace

void BallsPanel::build(PanelContext& context) {
  Simulation& simulation = context.session.simulation();
  float steps_per_second = static_cast<float>(simulation.settings().steps_per_second);
  if (ImGui::SliderFloat("steps/s", &steps_per_second, 1.0f, 240.0f, "%.0f", ImGuiSliderFlags_Logarithmic)) {
    simulation.settings().steps_per_second = steps_per_second;
  }
  tooltip("Solver steps per second of wall-clock time. The trajectory does not depend on it.");
  if (ImGui::Button(simulation.playing() ? "Pause" : "Play", ImVec2(70, 0)))
    simulation.set_playing(!simulation.playing());
  tooltip("Space");
  ImGui::SameLine();
  if (ImGui::Button("Step")) simulation.step_all();
  tooltip("N: one solver step for every ball (hold to repeat)");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) simulation.reset();
  tooltip("R: every ball back to its start");
  ImGui::SameLine();
  if (ImGui::Button("Screenshot")) context.requests.screenshot = true;
  tooltip("F12: a PNG in the current folder (size and the rest: the Screenshot section)");

  if (ImGui::CollapsingHeader("Balls", ImGuiTreeNodeFlags_DefaultOpen)) {
    build_table(context);
    if (ImGui::SmallButton("export trajectories")) context.requests.export_trajectories = true;
    tooltip("Every ball's steps so far as CSV (ball,optimizer,step,x,y,f,gx,gy) in the current folder");
  }
  if (ImGui::CollapsingHeader("Loss", ImGuiTreeNodeFlags_DefaultOpen)) build_loss_plot(context);
}

void BallsPanel::build_table(PanelContext& context) {
  const auto& balls = context.session.simulation().balls();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("balls", 5, flags)) {
    ImGui::TableSetupColumn("ball");
    ImGui::TableSetupColumn("steps");
    ImGui::TableSetupColumn("f");
    ImGui::TableSetupColumn("|grad f|");
    ImGui::TableSetupColumn("status");
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < balls.size(); ++i) {
      const Ball& ball = balls[i];
      if (ball.swarm) continue;  // the swarm has its own summary, in the legend
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      colour_swatch(("##b" + std::to_string(i)).c_str(), ball.colour);
      ImGui::SameLine();
      // The optimizer's short name, or the ball's own label when the scene gave it one (a replayed
      // training path's always: "training path (projected)"; a solver's "solver: COMMAND"). Clicking the row selects
      // the ball whose step the Step section explains.
      const bool labelled =
          ball.label != ball.optimizer->title() || as_replay(*ball.optimizer) || as_external_solver(*ball.optimizer);
      const std::string name = labelled ? ball.label : ball.optimizer->name();
      if (ImGui::Selectable((name + "##select" + std::to_string(i)).c_str(),
                            explained_ball(context.session.simulation(), context.view.explained_ball) == &ball,
                            ImGuiSelectableFlags_SpanAllColumns)) {
        context.view.explained_ball = i;
      }
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("x = %.10g\ny = %.10g\nstart (%.4g, %.4g)", ball.position.x, ball.position.y, ball.start.x,
                          ball.start.y);
      }
      ImGui::TableNextColumn();
      ImGui::Text("%zu", ball.steps);
      ImGui::TableNextColumn();
      ImGui::Text("%.6g", ball.value);
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", glm::length(ball.gradient));
      ImGui::TableNextColumn();
      const bool bad = ball.status == BallStatus::diverged || ball.status == BallStatus::left_domain;
      const UiColours& colours = ui_colours(context.view.theme);
      ImGui::TextColored(bad                                    ? colours.bad
                         : ball.status == BallStatus::converged ? colours.good
                                                                : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                         "%s", status_text(ball));
    }
    ImGui::EndTable();
  }
  // A replayed training path says what its height is, and is not.
  for (std::size_t b = 0; b < balls.size(); ++b) {
    const std::vector<std::string> lines =
        balls[b].swarm ? std::vector<std::string>{} : training_path_text(balls[b], context.session.simulation().cost());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i == 0) {
        colour_swatch(("##path" + std::to_string(b)).c_str(), balls[b].colour);
        ImGui::SameLine();
      }
      text_wrapped(lines[i]);
    }
  }
  // A solver process says what it last said, or why it stopped (docs/solver-protocol.md).
  for (std::size_t b = 0; b < balls.size(); ++b) {
    const ExternalSolver* solver = balls[b].swarm ? nullptr : as_external_solver(*balls[b].optimizer);
    if (!solver || (solver->message().empty() && solver->failure().empty())) continue;
    colour_swatch(("##solver" + std::to_string(b)).c_str(), balls[b].colour);
    ImGui::SameLine();
    if (!solver->failure().empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui_colours(context.view.theme).bad);
      text_wrapped(solver->failure());
      ImGui::PopStyleColor();
    } else {
      text_wrapped(solver->message());
    }
  }
  // One ordinary ball (the first: a swarm comes after them). Counted, not balls less the swarm: a
  // swarm on the GPU or in the CPU's lanes has no Ball members.
  if (std::count_if(balls.begin(), balls.end(), [](const Ball& b) { return !b.swarm; }) == 1) {
    ImGui::Text("x = %.6f   y = %.6f", balls[0].position.x, balls[0].position.y);
  }
}

void BallsPanel::build_loss_plot(PanelContext& context) {
  // The reference for the log scale: the global minimum's value where known, else the lowest
  // value on the terrain's sampling grid (not the best value seen: that is always the latest,
  // and the curve would plunge at its end).
  double reference = std::numeric_limits<double>::infinity();
  for (const KnownMinimum& m : context.session.simulation().cost().known_minima())
    reference = std::min(reference, m.value);
  const bool known = std::isfinite(reference);
  if (!known) reference = context.renderer.mapping().sampled_f_min();
  std::size_t max_step = 1;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Ball& ball : context.session.simulation().balls())
    max_step = std::max(max_step, ball.swarm ? 0 : ball.loss.latest_step());
  for (const Ball& ball : context.session.simulation().balls()) {
    for (double v : ball.loss.values()) {
      lo = std::min(lo, plotted(v, loss_log_scale, reference));
      hi = std::max(hi, plotted(v, loss_log_scale, reference));
    }
  }
  ImGui::Checkbox("log scale", &loss_log_scale);
  tooltip(known ? "log10(f - f*), f* the global minimum's value" : "log10(f - the lowest f on the terrain grid)");
  if (!std::isfinite(lo)) return;
  if (hi - lo < 1e-12) hi = lo + 1.0;

  const PlotArea plot = plot_area("loss plot");
  const ImVec2 p0 = plot.min, p1 = plot.max;
  ImDrawList* draw = plot.draw;
  auto to_screen = [&](double step, double v) {
    return ImVec2(p0.x + 4.0f + static_cast<float>(step / static_cast<double>(max_step)) * (plot.width() - 8.0f),
                  p1.y - 4.0f - static_cast<float>((v - lo) / (hi - lo)) * (plot.height() - 8.0f));
  };
  for (const Ball& ball : context.session.simulation().balls()) {
    const auto& steps = ball.loss.steps();
    const auto& values = ball.loss.values();
    const ImU32 colour = ImGui::ColorConvertFloat4ToU32(to_imgui(ball.colour));
    ImVec2 previous;
    for (std::size_t i = 0; i <= steps.size(); ++i) {
      // The sampled points, then the newest one (which may fall between samples).
      const bool last = i == steps.size();
      if (last && (!ball.loss.has_latest() || (!steps.empty() && steps.back() == ball.loss.latest_step()))) break;
      const ImVec2 point =
          last ? to_screen(static_cast<double>(ball.loss.latest_step()),
                           plotted(ball.loss.latest_value(), loss_log_scale, reference))
               : to_screen(static_cast<double>(steps[i]), plotted(values[i], loss_log_scale, reference));
      if (i > 0) draw->AddLine(previous, point, colour, 1.5f);
      previous = point;
    }
  }
  char label[64];
  std::snprintf(label, sizeof label, loss_log_scale ? "1e%.1f" : "%.4g", hi);
  draw->AddText(ImVec2(p0.x + 6, p0.y + 3), IM_COL32(200, 200, 200, 200), label);
  std::snprintf(label, sizeof label, loss_log_scale ? "1e%.1f" : "%.4g", lo);
  draw->AddText(ImVec2(p0.x + 6, p1.y - 17), IM_COL32(200, 200, 200, 200), label);
  std::snprintf(label, sizeof label, "step %zu", max_step);
  draw->AddText(ImVec2(p1.x - 8 - ImGui::CalcTextSize(label).x, p1.y - 17), IM_COL32(200, 200, 200, 200), label);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(loss_log_scale ? "f - f* against solver step, log scale" : "f against solver step");
  }
  schedule_plot(context);  // under the loss curve: each scheduled ball's lr
}

}  // namespace losscape
