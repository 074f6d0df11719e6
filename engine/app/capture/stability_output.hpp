#pragma once
// --stability, --stability-csv and the panel's map: a stability map as a picture (the cells, the
// axes with their values, a colour bar of steps and a key to the failures), as per-cell rows, and
// as a summary line.
#include "engine/core/result.hpp"
#include "engine/render/render_target.hpp"
#include "engine/sim/stability_map.hpp"

#include <string>

namespace losscape {

// The picture: `heading` on top (what ran where: "Momentum on Himmelblau from (0.5, -1)"), the
// cells (square, at least 512 pixels across in all), the x axis's values under
// them and the y axis's to their left, the colour bar of steps on the right with the failures'
// key under it. White background, dark text: it goes on a slide or into notes.
Image stability_image(const StabilityMap& map, const std::string& heading);
// The cell of pixel (px, py) of stability_image(map)'s picture, or (-1, -1) outside the cells
// (the panel's tooltip).
glm::ivec2 stability_cell_at(const StabilityMap& map, int px, int py);

Status write_stability_png(const std::string& path, const StabilityMap& map, const std::string& heading);
// CSV: X_KEY,Y_KEY,outcome,steps,final_f, one row per cell, row by row from the y axis's low end.
Status write_stability_csv(const std::string& path, const StabilityMap& map);
// What the map shows, in a line or two: each outcome's share, the fastest cell, the time taken.
std::string stability_summary(const StabilityMap& map);

}  // namespace losscape
