#include "engine/app/panels/step_panel.hpp"

#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/ui/term_legend.hpp"
#include "engine/app/ui/text_wrap.hpp"

#include <string>

namespace losscape {
namespace {

// "lr = 0.001   beta1 = 0.9   ...": every parameter by its key, as the scene files name them.
std::string hyperparameters(const Optimizer& optimizer) {
  std::string text;
  const auto& table = optimizer.parameter_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (!text.empty()) text += "   ";
    text += table[i].key + " = " + explained_number(optimizer.parameter_values()[i]);
  }
  return text;
}

void build_lines(const StepExplanation& explanation) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("step lines", 2, flags)) return;
  ImGui::TableSetupColumn("rule", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("(x, y)", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  for (const ExplainedLine& line : explanation.lines) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text_wrapped(line.equation);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(explained_value(line).c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void StepPanel::build(PanelContext& context) {
  // Open from the start where the scene draws the term arrows: it is there to explain a step.
  if (context.view.show_terms) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  if (!ImGui::CollapsingHeader("Step")) return;
  const Simulation& simulation = context.session.simulation();
  const Ball* explained = explained_ball(simulation, context.view.explained_ball);
  if (!explained) {
    ImGui::TextDisabled("No ball to explain: a swarm only.");
    return;
  }
  const Ball& ball = *explained;
  ImGui::Checkbox("arrows on the terrain", &context.view.show_terms);
  tooltip("Each term of this step as an arrow at the ball (arrows.terms, --step-terms). Directions are exact; "
          "lengths saturate, and compare only between arrows of the same units.");
  colour_swatch("##explained", ball.colour);
  ImGui::SameLine();
  if (ball.label.empty() || ball.label == ball.optimizer->title()) {
    ImGui::TextUnformatted(ball.optimizer->title().c_str());
  } else {
    ImGui::Text("%s: %s", ball.label.c_str(), ball.optimizer->title().c_str());
  }
  text_wrapped(hyperparameters(*ball.optimizer));
  if (ball.status != BallStatus::running) {
    ImGui::TextDisabled("%s: no next step", status_text(ball));
    return;
  }
  const StepExplanation explanation = simulation.explain_next_step(ball);
  if (explanation.t > 0.0) {
    ImGui::Text("next step, t = %.0f, from p = %s", explanation.t, point_text(explanation.from).c_str());
  } else {
    ImGui::Text("next step, from p = %s", point_text(explanation.from).c_str());
  }
  build_lines(explanation);
  if (!explanation.full) ImGui::TextDisabled("(no table for this method yet: the gradient, the step, the new point)");
  term_legend(explanation, true);
}

}  // namespace losscape
