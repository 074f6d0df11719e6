#pragma once
// The colour bar: the terrain's colour map as a vertical strip on the right of the picture, with
// the values of f (or of |grad f| when colouring by slope) it stands for at nice numbers, placed
// where the map puts them, a log height scale included. Part of the overlay (overlay.hpp).
#include "engine/app/overlay/overlay.hpp"
#include "engine/app/overlay/overlay_text.hpp"

#include <imgui.h>

namespace losscape {

// Below `top` (window units: under the legend), at the right edge; returns where it went. Draws
// nothing (an empty box) when the view hides it, there is no texture, or there is no room.
ScreenBox draw_colour_bar(const OverlayView& view, ImDrawList* draw, float top);

}  // namespace losscape
