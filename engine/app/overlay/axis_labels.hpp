#pragma once
// The axes' values in world units, written over the picture: x and y at the floor grid's lines
// along the two floor edges nearest the viewer (so the terrain never hides them), f up the
// vertical edge of the box at the picture's left, at nice values placed through the height
// mapping (a log height scale included), and the axes' names. Shown with the grid and box.
// Part of the overlay (overlay.hpp).
#include "engine/app/overlay/overlay.hpp"
#include "engine/app/overlay/overlay_text.hpp"

#include <imgui.h>

#include <vector>

namespace losscape {

// Leaves out whatever would fall on one of `taken` (the title, the legend, the colour bar).
void draw_axis_labels(const OverlayView& view, ImDrawList* draw, const std::vector<ScreenBox>& taken);

}  // namespace losscape
