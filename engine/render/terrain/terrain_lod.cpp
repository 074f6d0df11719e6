#include "engine/render/terrain/terrain_lod.hpp"

#include "engine/render/terrain/terrain_stitching.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losscape {
namespace {

// The distance from `p` to the nearest point of a box, zero inside it.
float distance_to_box(glm::vec3 p, glm::vec3 low, glm::vec3 high) {
  return glm::length(glm::max(glm::max(low - p, p - high), glm::vec3(0.0f)));
}

// The most a vertical error of 1 in the box can move on screen, in world units at the box's
// distance: the sine of the angle between the sight line and the vertical, at its largest over
// the box (so never less than the truth). Seen from straight above, a surface raised or lowered
// moves nothing on screen, and neither do the lines and colours on it; seen edge on, it moves
// fully. A point of the surface raised by e is seen e * sin(angle) away across the sight line.
float sideways_share(glm::vec3 eye, glm::vec3 low, glm::vec3 high, float distance) {
  const glm::vec2 farthest = glm::max(glm::abs(glm::vec2(low.x, low.z) - glm::vec2(eye.x, eye.z)),
                                      glm::abs(glm::vec2(high.x, high.z) - glm::vec2(eye.x, eye.z)));
  return distance > 0.0f ? std::min(1.0f, glm::length(farthest) / distance) : 1.0f;
}

// The four neighbours of (px, py) that exist, with the edge each lies beyond.
template <typename Visit>
void for_each_neighbour(const TerrainLayout& layout, int px, int py, Visit visit) {
  if (py > 0) visit(px, py - 1, kSouthEdge);
  if (px + 1 < layout.patches) visit(px + 1, py, kEastEdge);
  if (py + 1 < layout.patches) visit(px, py + 1, kNorthEdge);
  if (px > 0) visit(px - 1, py, kWestEdge);
}

// How many pixels a vertical error of 1 in `patch` covers at most, seen from `view`.
float pixels_per_error(const LodView& view, const PatchError& patch) {
  if (view.orthographic) {
    // Parallel sight lines: the same sine for every patch, the same scale at any depth.
    const float sine = glm::length(glm::vec2(view.sight.x, view.sight.z));
    return view.pixels_per_unit * std::min(1.0f, sine);
  }
  // An error e at distance d covers about e / d radians of the view, seen square on.
  const float distance = distance_to_box(view.eye, patch.box_min, patch.box_max);
  if (distance <= 0.0f) return std::numeric_limits<float>::infinity();  // the eye inside the box
  return view.pixels_per_radian * sideways_share(view.eye, patch.box_min, patch.box_max, distance) / distance;
}

}  // namespace

LodView lod_view(const OrbitCamera& camera, int picture_height, bool slope_colours) {
  LodView view;
  view.eye = camera.eye();
  view.slope_colours = slope_colours;
  view.pixels_per_radian =
      static_cast<float>(std::max(picture_height, 1)) / (2.0f * std::tan(glm::radians(camera.fov_degrees) * 0.5f));
  view.orthographic = camera.orthographic;
  view.sight = -camera.backward();
  // The orthographic picture shows as much as the perspective one would at `distance`.
  view.pixels_per_unit = view.pixels_per_radian / std::max(camera.distance, 1e-6f);
  return view;
}

std::vector<int> choose_levels(const TerrainLayout& layout, const std::vector<PatchError>& patches,
                               const LodView& view) {
  std::vector<int> levels(patches.size(), 0);
  for (std::size_t p = 0; p < patches.size(); ++p) {
    const PatchError& patch = patches[p];
    const float allowed = std::min(view.max_world, view.max_pixels / pixels_per_error(view, patch));
    const auto fits = [&](std::size_t level) {
      return patch.error[level] <= allowed && (!view.slope_colours || patch.slope_error[level] <= view.max_slope_error);
    };
    int level = 0;
    while (level + 1 < layout.levels && fits(static_cast<std::size_t>(level) + 1)) ++level;
    levels[p] = level;
  }
  limit_level_differences(layout, levels);
  return levels;
}

void limit_level_differences(const TerrainLayout& layout, std::vector<int>& levels) {
  // Passes only lower levels, so this ends, at each patch's least over all patches q of q's
  // level plus its distance from q in patch steps: the same answer in any order.
  for (bool changed = true; changed;) {
    changed = false;
    for (int py = 0; py < layout.patches; ++py) {
      for (int px = 0; px < layout.patches; ++px) {
        int& level = levels[static_cast<std::size_t>(py * layout.patches + px)];
        for_each_neighbour(layout, px, py, [&](int nx, int ny, unsigned) {
          const int limit = levels[static_cast<std::size_t>(ny * layout.patches + nx)] + 1;
          if (level > limit) level = limit, changed = true;
        });
      }
    }
  }
}

unsigned coarser_edges(const TerrainLayout& layout, const std::vector<int>& levels, int px, int py) {
  const int level = levels[static_cast<std::size_t>(py * layout.patches + px)];
  unsigned edges = 0;
  for_each_neighbour(layout, px, py, [&](int nx, int ny, unsigned edge) {
    if (levels[static_cast<std::size_t>(ny * layout.patches + nx)] > level) edges |= edge;
  });
  return edges;
}

}  // namespace losscape
