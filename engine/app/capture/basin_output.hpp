#pragma once
// --basins, --basins-csv: the basin map as a picture, as per-start rows, and as a summary.
#include "engine/core/result.hpp"
#include "engine/sim/basins.hpp"

#include <string>

namespace losscape {

// PNG, one pixel per start, north up (the top row is y = YMAX). Returns an error or empty.
Status write_basin_png(const std::string& path, const BasinMap& map);
// CSV: x0,y0,minimum,minimum_x,minimum_y,steps,status. Returns an error or empty.
Status write_basin_csv(const std::string& path, const BasinMap& map);
// One line per minimum (location, f, share of starts), the other outcomes, and the speed.
void print_basin_summary(const BasinMap& map);

}  // namespace losscape
