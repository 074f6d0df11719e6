#include "engine/render/terrain/terrain_lines.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {
namespace {

constexpr double kTargetLevels = 16.0;
constexpr int kWireframeCells = 64;

// The round step (1, 2, 2.5 or 5 times a power of ten) that cuts `extent` into the number of
// pieces nearest `target`, by ratio: so between target / 1.42 and target * 1.42 of them.
double round_step_near(double extent, double target) {
  const double raw = extent / target;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double best = power;
  for (double m : {2.0, 2.5, 5.0, 10.0}) {
    if (std::abs(std::log(m * power / raw)) < std::abs(std::log(best / raw))) best = m * power;
  }
  return best;
}

}  // namespace

ContourLevels contour_levels(const TerrainMapping& mapping) {
  const double t_min = mapping.transformed_min(), range = mapping.transformed_max() - t_min;
  double step = range / kTargetLevels;
  if (mapping.transform() == HeightTransform::linear) {
    // Round values of f, so a lecturer can say "this is the line f = 100".
    step = round_step_near(range, kTargetLevels);
  } else {
    // T = ln(1 + f - f_min) runs from 0; m levels a decade put one at every power of ten.
    const double decades = range / std::log(10.0);
    step = std::log(10.0) / std::max(1.0, std::round(kTargetLevels / decades));
  }
  // Levels at multiples of the step, strictly between the lowest and the highest point: a level
  // at exactly a minimum or a peak would be a dot, not a line.
  const double eps = 1e-6 * step;
  const double first = (std::floor((t_min + eps) / step) + 1.0) * step;
  ContourLevels levels;
  levels.first = (first - t_min) / range;
  levels.spacing = step / range;
  levels.count = std::max(0, static_cast<int>(std::ceil((t_min + range - eps - first) / step)));
  return levels;
}

WireframeGrid wireframe_grid(const TerrainMapping& mapping, int resolution) {
  const int cells = std::max(resolution - 1, 1);
  WireframeGrid grid;
  grid.stride = std::max(1, static_cast<int>(std::lround(static_cast<double>(cells) / kWireframeCells)));
  const Domain& d = mapping.domain();
  const glm::vec3 low = mapping.world({d.x_min, d.y_min}, 0.0), high = mapping.world({d.x_max, d.y_max}, 0.0);
  grid.origin = {low.x, low.z};
  // World z runs against y, so that scale is negative: lines fall on integers all the same.
  grid.scale = glm::vec2(static_cast<float>(cells) / static_cast<float>(grid.stride)) /
               glm::vec2(high.x - low.x, high.z - low.z);
  return grid;
}

}  // namespace losscape
