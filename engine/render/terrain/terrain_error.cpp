#include "engine/render/terrain/terrain_error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losscape {
namespace {

constexpr int kSmallestAutoSize = 129, kLargestAutoSize = 1025;

// Where vertex (i, j) of `grid` is in its arrays.
std::size_t vertex(const HeightGrid& grid, int i, int j) {
  return static_cast<std::size_t>(j) * static_cast<std::size_t>(grid.size) + static_cast<std::size_t>(i);
}

// One coarse cell `step` fine cells a side from vertex (i0, j0).
LevelError cell_error(const HeightGrid& g, int step, int i0, int j0) {
  const auto at = [&](int i, int j) { return vertex(g, i, j); };
  const std::size_t a = at(i0, j0), b = at(i0 + step, j0), c = at(i0, j0 + step), e = at(i0 + step, j0 + step);
  // What the coarse cell draws of `values` at (u, v) in [0, 1]^2: the triangles (a, b, e) below
  // its diagonal and (a, e, c) above it.
  const auto drawn = [&](const std::vector<float>& values, float u, float v) {
    const float va = values[a], vb = values[b], vc = values[c], ve = values[e];
    return u >= v ? va + u * (vb - va) + v * (ve - vb) : va + v * (vc - va) + u * (ve - vc);
  };
  const float inverse = 1.0f / static_cast<float>(step);
  bool any_defined = false, any_undefined = false;
  LevelError worst;
  for (int dj = 0; dj <= step; ++dj) {
    const float v = static_cast<float>(dj) * inverse;
    for (int di = 0; di <= step; ++di) {
      const std::size_t k = at(i0 + di, j0 + dj);
      (g.defined[k] ? any_defined : any_undefined) = true;
      const float u = static_cast<float>(di) * inverse;
      worst.vertical = std::max(worst.vertical, std::abs(drawn(g.height, u, v) - g.height[k]));
      worst.slope = std::max(worst.slope, std::abs(drawn(g.slope, u, v) - g.slope[k]));
    }
  }
  if (any_defined && any_undefined) return {0.0f, 0.0f, true};
  return any_defined ? worst : LevelError{};
}

}  // namespace

LevelError level_error(const HeightGrid& grid, int level, int i0, int j0, int cells) {
  const int step = 1 << level;
  LevelError total;
  for (int j = j0; j < j0 + cells; j += step) {
    for (int i = i0; i < i0 + cells; i += step) {
      const LevelError cell = cell_error(grid, step, i, j);
      total.vertical = std::max(total.vertical, cell.vertical);
      total.slope = std::max(total.slope, cell.slope);
      total.hole_edge = total.hole_edge || cell.hole_edge;
    }
  }
  return total;
}

std::vector<PatchError> patch_errors(const HeightGrid& grid, const TerrainLayout& layout) {
  std::vector<PatchError> patches;
  patches.reserve(static_cast<std::size_t>(layout.patch_count()));
  const int cells = layout.patch_cells;
  for (int py = 0; py < layout.patches; ++py) {
    for (int px = 0; px < layout.patches; ++px) {
      const int i0 = px * cells, j0 = py * cells;
      PatchError patch;
      patch.error.assign(static_cast<std::size_t>(layout.levels), 0.0f);
      patch.slope_error = patch.error;
      for (std::size_t level = 1; level < patch.error.size(); ++level) {
        const LevelError e = level_error(grid, static_cast<int>(level), i0, j0, cells);
        const float hole = e.hole_edge ? std::numeric_limits<float>::infinity() : 0.0f;
        patch.error[level] = std::max({e.vertical, hole, patch.error[level - 1]});
        patch.slope_error[level] = std::max({e.slope, hole, patch.slope_error[level - 1]});
      }
      float low = std::numeric_limits<float>::infinity(), high = -low;
      for (int j = j0; j <= j0 + cells; ++j) {
        for (int i = i0; i <= i0 + cells; ++i) {
          const float h = grid.height[vertex(grid, i, j)];
          low = std::min(low, h), high = std::max(high, h);
        }
      }
      const glm::vec2 corner_a = grid.origin + glm::vec2(i0, j0) * grid.spacing;
      const glm::vec2 corner_b = grid.origin + glm::vec2(i0 + cells, j0 + cells) * grid.spacing;
      patch.box_min = {std::min(corner_a.x, corner_b.x), low, std::min(corner_a.y, corner_b.y)};
      patch.box_max = {std::max(corner_a.x, corner_b.x), high, std::max(corner_a.y, corner_b.y)};
      patches.push_back(std::move(patch));
    }
  }
  return patches;
}

int auto_terrain_size(const HeightGrid& probe, float tolerance, int at_least) {
  if (probe.size != kTerrainProbeSize) return kTerrainProbeSize;
  // Holes' edges are left to the patches (drawn at the finest level there): only the error
  // where f is defined says how finely f itself bends.
  float error = level_error(probe, 1, 0, 0, kTerrainProbeSize - 1).vertical;  // that of 129 a side
  int size = kSmallestAutoSize;
  while ((error > tolerance || size < at_least) && size < kLargestAutoSize) {
    size = 2 * size - 1;  // half the spacing: a quarter of the error
    error *= 0.25f;
  }
  return size;
}

}  // namespace losscape
