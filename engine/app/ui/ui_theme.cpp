#include "engine/app/ui/ui_theme.hpp"

namespace losscape {

ImGuiStyle themed_style(Theme theme, float scale) {
  ImGuiStyle style;
  if (theme == Theme::light) {
    ImGui::StyleColorsLight(&style);
    // On a nearly white sky the panel's and the legend's edges should show.
    style.Colors[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.25f);
    style.WindowBorderSize = 1.0f;
  } else {
    ImGui::StyleColorsDark(&style);
  }
  style.WindowRounding = 6.0f;
  style.ScaleAllSizes(scale);
  return style;
}

const UiColours& ui_colours(Theme theme) {
  // Each pair reads on its own panel: bright on near-black, deep on near-white.
  static const UiColours kDark{ImVec4(1.0f, 0.45f, 0.4f, 1.0f), ImVec4(0.5f, 0.9f, 0.5f, 1.0f),
                               ImVec4(1.0f, 0.5f, 0.4f, 1.0f), ImVec4(1.0f, 0.82f, 0.35f, 1.0f)};
  static const UiColours kLight{ImVec4(0.78f, 0.12f, 0.08f, 1.0f), ImVec4(0.05f, 0.5f, 0.12f, 1.0f),
                                ImVec4(0.78f, 0.2f, 0.08f, 1.0f), ImVec4(0.6f, 0.33f, 0.0f, 1.0f)};
  return theme == Theme::light ? kLight : kDark;
}

}  // namespace losscape
