#include "engine/core/step_explanation.hpp"

#include <cstdio>
#include <utility>

namespace losscape {

StepExplanation generic_explanation(glm::dvec2 from, glm::dvec2 gradient, glm::dvec2 to, double t) {
  StepExplanation out;
  out.from = from;
  out.to = to;
  out.t = t;
  out.lines = {{"g = grad f(p)", gradient}, {"step = p_new - p", to - from}, {"p_new = p + step", to}};
  out.arrows = {{"-g", -gradient, TermRole::gradient, TermUnits::gradient},
                {"step", to - from, TermRole::step, TermUnits::position}};
  return out;
}

StepExplanation explanation_opening(glm::dvec2 from, glm::dvec2 to) {
  StepExplanation out;
  out.from = from;
  out.to = to;
  out.full = true;
  return out;
}

StepExplanation explanation_opening(glm::dvec2 from, glm::dvec2 gradient, glm::dvec2 to) {
  StepExplanation out = explanation_opening(from, to);
  out.lines = {{"g = grad f(p)", gradient}};
  out.arrows = {{"-g", -gradient, TermRole::gradient, TermUnits::gradient}};
  return out;
}

void close_explanation(StepExplanation& out, std::string new_point_equation) {
  out.lines.push_back({std::move(new_point_equation), out.to});
  out.arrows.push_back({"step", out.to - out.from, TermRole::step, TermUnits::position});
}

std::string explained_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string explained_value(const ExplainedLine& line) {
  if (line.shared) return explained_number(line.value.x);
  char text[64];
  std::snprintf(text, sizeof text, "(%.6g, %.6g)", line.value.x, line.value.y);
  return text;
}

std::string to_text(const ExplainedLine& line) {
  std::string text = line.equation;
  text += " = ";
  text += explained_value(line);
  return text;
}

}  // namespace losscape
