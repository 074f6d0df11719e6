#pragma once
// Where the lines drawn on the terrain fall (shaders/terrain_lines.glsl draws them): the contour
// levels and the wireframe's grid. Plain numbers, no GL, so tests can check them directly.
#include "engine/render/terrain/terrain_mapping.hpp"

#include <glm/glm.hpp>

namespace losscape {

// Contour levels, evenly spaced in the drawn height T(f), as the shader uses them: in normalised
// height (0 at the lowest point, 1 at the highest), level k (0 <= k < count) at
// h = first + k * spacing, all strictly between the two. A linear height gets levels at round
// values of f; a log1p height one level every 1/m of a decade of 1 + f - f_min. Either way
// there are about 16 (11 to 23).
struct ContourLevels {
  double first = 0.0;
  double spacing = 1.0;
  int count = 0;
};
ContourLevels contour_levels(const TerrainMapping& mapping);

// The wireframe: every `stride`-th line of the terrain mesh's grid (the mesh's own edges, so the
// lines lie exactly on the surface), about 64 cells across whatever the resolution: at 256
// vertices a side every line would be 4 px apart at 1080p and fill the picture. A point's grid
// coordinates are (world.xz - origin) * scale; lines where either is an integer.
struct WireframeGrid {
  glm::vec2 origin{0.0f};
  glm::vec2 scale{1.0f};
  int stride = 1;
};
WireframeGrid wireframe_grid(const TerrainMapping& mapping, int resolution);

}  // namespace losscape
