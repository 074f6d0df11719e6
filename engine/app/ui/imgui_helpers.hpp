#pragma once
// Small ImGui conveniences shared by the panel's files (only engine/app touches ImGui).
#include "engine/sim/simulation.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace losscape {

inline void tooltip(const char* text) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

inline ImVec4 to_imgui(glm::vec3 c) { return ImVec4(c.r, c.g, c.b, 1.0f); }

// A small square of colour, as large as the text beside it is tall (it scales with the UI).
inline void colour_swatch(const char* id, glm::vec3 colour) {
  const float side = 0.8f * ImGui::GetFontSize();
  ImGui::ColorButton(id, to_imgui(colour), ImGuiColorEditFlags_NoTooltip, ImVec2(side, side));
}

// The first ordinary (not swarm) ball driven by `optimizer`, or nullptr.
inline const Ball* first_ball_of(const Simulation& simulation, const std::string& optimizer) {
  for (const Ball& ball : simulation.balls()) {
    if (!ball.swarm && ball.optimizer->name() == optimizer) return &ball;
  }
  return nullptr;
}

// A dark plot area as wide as the panel, `height` tall; ImGui::IsItemHovered() after it says
// whether the pointer is over it. Dark in the light theme too: a small instrument screen whose
// curves (gold, red, the balls' colours) and labels are chosen for it.
struct PlotArea {
  ImVec2 min, max;
  ImDrawList* draw;
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
};
inline PlotArea plot_area(const char* id, float height = 130.0f) {
  const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x, 200.0f), height);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  PlotArea area{origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetWindowDrawList()};
  area.draw->AddRectFilled(area.min, area.max, IM_COL32(20, 22, 28, 255), 3.0f);
  return area;
}

// "(3, 2)" with as few digits as say it.
inline std::string point_text(glm::dvec2 p) {
  char text[64];
  // A coordinate that is zero but for rounding (-1.1e-09 for a minimum at 0) shows as 0.
  auto tidy = [](double v) { return std::abs(v) < 1e-7 ? 0.0 : v; };
  std::snprintf(text, sizeof text, "(%.4g, %.4g)", tidy(p.x), tidy(p.y));
  return text;
}

// Percent of `whole`, 0 when there is none.
inline double share(std::size_t part, std::size_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace losscape
