#include "engine/core/step_explanation.hpp"

#include <cstdio>

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
