#pragma once
// The key to the step's term arrows (arrows.terms): a swatch of each arrow's colour and its
// name, and where asked its length as a number. The Step section and the overlay's legend (which
// presenter mode and pictures show, without the panel) both draw it.
#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/core/step_explanation.hpp"
#include "engine/render/term_colours.hpp"

#include <string>

namespace losscape {

inline const char* units_text(TermUnits units) {
  switch (units) {
    case TermUnits::gradient: return "in the units of grad f";
    case TermUnits::position: return "in the units of position";
    case TermUnits::none: return "dimensionless";
  }
  return "";
}

inline void term_legend(const StepExplanation& explanation, bool with_sizes) {
  for (std::size_t i = 0; i < explanation.arrows.size(); ++i) {
    const TermArrow& arrow = explanation.arrows[i];
    colour_swatch(("##term" + std::to_string(i)).c_str(), term_colour(arrow.role));
    ImGui::SameLine();
    if (with_sizes) {
      ImGui::Text("%-26s |.| = %s", arrow.name.c_str(), explained_number(glm::length(arrow.vector)).c_str());
      tooltip(units_text(arrow.units));
    } else {
      ImGui::TextUnformatted(arrow.name.c_str());
    }
  }
}

}  // namespace losscape
