#pragma once
// The theme (dark for the lecture hall, light for printed notes) as ImGui sees it: the style of
// the panel and of the legend windows over pictures, and the few colours the panel picks itself
// (status words, errors, the keys in the help). The picture's own colours are ThemeColours
// (engine/render/theme_colours.hpp).
#include "engine/scene/scene.hpp"

#include <imgui.h>
#include <glm/glm.hpp>

namespace losscape {

// ImGui's dark or light style, rounded and scaled for `scale` (the UI's text size).
ImGuiStyle themed_style(Theme theme, float scale);

struct UiColours {
  ImVec4 error;      // a formula's mistake, a failed save
  ImVec4 good;       // a converged ball
  ImVec4 bad;        // a diverged ball, one that left the domain
  ImVec4 highlight;  // the keys in the help window
};
const UiColours& ui_colours(Theme theme);

inline ImU32 imgui_colour(glm::vec4 c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)); }

}  // namespace losscape
