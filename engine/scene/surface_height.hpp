#pragma once
// How a loss surface's values become the heights that are drawn and that the balls roll on: as
// computed, or as loss-landscape's ParaView exporter shows them (h52vtp.py: `--zmax` clamps values
// above zmax to zmax, then `--log` takes log(z + 0.1)). The grid values are transformed before they
// are interpolated, so the terrain, the balls' gradients and the minima all belong to one surface:
// the interpolant of the heights shown. A clamp is exact after interpolating too: the grid is cut
// a margin above zmax (so the interpolant does not ring along a kink in the data: a clamped grid
// alone gives a scalloped rim) and the interpolant is then capped at zmax's height, a flat plateau
// with a clean rim (HeightField::set_ceiling). The scales' names live in one table, read by the
// scene files, the command line and the panel.
#include "engine/core/result.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace losscape {

enum class SurfaceScale { linear, log };

struct SurfaceScaleInfo {
  SurfaceScale scale;
  const char* name;  // in files ("surface_height"), on the command line and in the panel
  const char* help;
};

// Every scale, in the order the panel lists them.
const std::vector<SurfaceScaleInfo>& surface_scales();
std::optional<SurfaceScale> parse_surface_scale(const std::string& name);
const char* surface_scale_name(SurfaceScale scale);
// "linear, log": for the errors that refuse a mistyped name.
std::string surface_scale_names();

struct SurfaceHeight {
  SurfaceScale scale = SurfaceScale::linear;
  std::optional<double> zmax;  // values above it become it (before the log); none: no clamp
  bool operator==(const SurfaceHeight&) const = default;
};

// What is shown, as an expression of the dataset's NAME: "train_loss", "min(train_loss, 5)",
// "log(train_loss + 0.1)", "log(min(train_loss, 5) + 0.1)".
std::string shown_height(const std::string& name, const SurfaceHeight& height);

// The height zmax is shown at (zmax, or log(zmax + 0.1)): the interpolant's ceiling; none without a clamp.
std::optional<double> surface_ceiling(const SurfaceHeight& height);

// Transforms every finite value of `z` (NaN cells, not computed, stay holes), clamping above zmax
// by a margin (the ceiling then makes the clamp exact). Refuses, in a line
// that starts with the dataset's name: a zmax that is not finite or not above the lowest value
// (the surface would be flat), and a log of a value at or below -0.1 (an accuracy in percent is
// fine; a negative eigenvalue is not), naming the cell through `cell(k)`.
Status apply_surface_height(std::vector<double>& z, const SurfaceHeight& height, const std::string& name,
                            const std::function<std::string(std::size_t)>& cell);

}  // namespace losscape
