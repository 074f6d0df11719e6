#pragma once
// How far the terrain's coarser levels stray from its finest grid: what level-of-detail
// selection trades against distance, and what the automatic resolution is chosen by. Errors are
// vertical distances in world units (the terrain spans 2 across and height_scale up), measured
// on the finest samples of f, and for colouring by slope the slope's error on the colour
// scale. Plain numbers, no GL.
#include "engine/render/terrain/terrain_layout.hpp"

#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace losscape {

// The grid the automatic resolution is estimated from: the default uniform mesh's size, near enough.
constexpr int kTerrainProbeSize = 257;

// The finest grid's heights.
struct HeightGrid {
  int size = 0;                       // vertices per side
  std::vector<float> height;          // world y, row-major: vertex (i, j) at j * size + i
  std::vector<float> slope;           // the slope colour's input, 0 to 1 (normalized_slope)
  std::vector<std::uint8_t> defined;  // 0 where f is undefined: a hole in the terrain
  glm::vec2 origin{0.0f};             // world (x, z) of vertex (0, 0)
  glm::vec2 spacing{1.0f};            // world (x, z) from one vertex to the next (z runs against y)
};

struct LevelError {
  // The largest, over cells wholly inside or wholly outside a hole.
  float vertical = 0.0f;   // world units
  float slope = 0.0f;      // on the slope colour's 0 to 1 scale
  bool hole_edge = false;  // a coarse cell mixes defined and undefined samples
};

// Level `level` (every 2^level-th vertex, each coarse cell split along the same diagonal as the
// finest mesh) against the finest samples of the block of `cells` x `cells` finest cells from
// vertex (i0, j0); `cells` a multiple of 2^level.
LevelError level_error(const HeightGrid& grid, int level, int i0, int j0, int cells);

struct PatchError {
  // Per level, never smaller than a finer level's; infinite from the first level at which a
  // hole's edge would change shape (the drawn hole is where interpolated heights go negative).
  std::vector<float> error;                // vertical, world units
  std::vector<float> slope_error;          // slope colour, 0 to 1
  glm::vec3 box_min{0.0f}, box_max{0.0f};  // the patch's bounding box, world units
};

// Every patch of `layout` (row by row, from the y_min side); `grid` is its finest grid.
std::vector<PatchError> patch_errors(const HeightGrid& grid, const TerrainLayout& layout);

// The automatic finest resolution: vertices per side (129, 257, 513 or 1025) so that the finest
// level strays from f by at most `tolerance` world units, estimated from `probe` (kTerrainProbeSize a side)
// by how far every other vertex of it strays: on a smooth surface the error of a linear mesh
// falls with the square of its spacing. Where f has a kink or a cliff the error does not fall,
// and the answer is the cap, 1025 (33 MB of vertices). Never fewer than `at_least` (rounded up
// to one of those sizes): a benchmark's scene keeps the finest grid it names.
int auto_terrain_size(const HeightGrid& probe, float tolerance, int at_least = 0);

}  // namespace losscape
