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
struct StabilityPicture {
  Image image;
  int left = 0, top = 0, cell = 1, grid = 0;  // where the cells are: the top-left one's corner, a cell's side
  // The cell (column, row from the y axis's low end) at pixel (x, y), or (-1, -1) off the cells:
  // the panel's tooltip.
  glm::ivec2 cell_at(int x, int y) const;
};
StabilityPicture stability_picture(const StabilityMap& map, const std::string& heading);

Status write_stability_png(const std::string& path, const StabilityMap& map, const std::string& heading);
// CSV: X_KEY,Y_KEY,outcome,steps,final_f, one row per cell, row by row from the y axis's low end.
Status write_stability_csv(const std::string& path, const StabilityMap& map);
// What the map shows, in a line or two: each outcome's share, the fastest cell, the time taken.
std::string stability_summary(const StabilityMap& map);

}  // namespace losscape
