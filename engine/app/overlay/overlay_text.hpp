#pragma once
// How the overlay writes over the picture, in the theme's ink: text on a rounded backdrop
// (titles, annotations, the colour bar) or text with a thin halo (axis values, which would hide
// the box's edges under backdrops). Shared by overlay.cpp, colour_bar.cpp and axis_labels.cpp.
#include "engine/scene/scene.hpp"

#include <imgui.h>

namespace losscape {

// A rectangle of the overlay, window units: what the axes' values keep clear of.
struct ScreenBox {
  ImVec2 min, max;
  bool empty() const { return max.x <= min.x || max.y <= min.y; }
  bool overlaps(const ScreenBox& other, float margin) const {
    if (empty() || other.empty()) return false;
    return min.x < other.max.x + margin && other.min.x < max.x + margin && min.y < other.max.y + margin &&
           other.min.y < max.y + margin;
  }
};

struct OverlayInk {
  ImU32 ink, faint_ink, backdrop, halo;
};
OverlayInk overlay_ink(Theme theme);

inline ImVec2 text_size(ImFont* font, const char* text) {
  return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, text);
}

// `text` with its top left at `at` on a backdrop `pad` wider all round; returns the backdrop.
ScreenBox text_on_backdrop(ImDrawList* draw, ImFont* font, ImVec2 at, const char* text, float pad,
                           const OverlayInk& ink);
// `text` with its top left at `at`, ringed by a halo about a twelfth of the font's size wide.
void text_with_halo(ImDrawList* draw, ImFont* font, ImVec2 at, const char* text, const OverlayInk& ink);

}  // namespace losscape
