#include "engine/app/overlay/overlay_text.hpp"

#include "engine/app/ui/ui_theme.hpp"
#include "engine/render/theme_colours.hpp"

#include <algorithm>

namespace losscape {

OverlayInk overlay_ink(Theme theme) {
  const ThemeColours& c = theme_colours(theme);
  return {imgui_colour(c.ink), imgui_colour(glm::vec4(glm::vec3(c.ink), 0.85f * c.ink.a)), imgui_colour(c.backdrop),
          imgui_colour(c.halo)};
}

ScreenBox text_on_backdrop(ImDrawList* draw, ImFont* font, ImVec2 at, const char* text, float pad,
                           const OverlayInk& ink) {
  const ImVec2 size = text_size(font, text);
  const ScreenBox box{ImVec2(at.x - pad, at.y - 0.5f * pad), ImVec2(at.x + size.x + pad, at.y + size.y + 0.5f * pad)};
  draw->AddRectFilled(box.min, box.max, ink.backdrop, pad);
  draw->AddText(font, font->FontSize, at, ink.ink, text);
  return box;
}

void text_with_halo(ImDrawList* draw, ImFont* font, ImVec2 at, const char* text, const OverlayInk& ink) {
  // The text drawn in the halo's colour a little way off in eight directions, then over it.
  const float r = std::max(1.0f, font->FontSize / 12.0f);
  for (const ImVec2 d : {ImVec2(1, 0), ImVec2(-1, 0), ImVec2(0, 1), ImVec2(0, -1), ImVec2(0.7f, 0.7f),
                         ImVec2(-0.7f, 0.7f), ImVec2(0.7f, -0.7f), ImVec2(-0.7f, -0.7f)}) {
    draw->AddText(font, font->FontSize, ImVec2(at.x + r * d.x, at.y + r * d.y), ink.halo, text);
  }
  draw->AddText(font, font->FontSize, at, ink.ink, text);
}

}  // namespace losscape
