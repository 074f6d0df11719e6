#include "engine/render/terrain/terrain_layout.hpp"

#include <algorithm>

namespace losscape {

namespace {
constexpr int kPatchesPerSide = 16;
}  // namespace

TerrainLayout uniform_layout(int size) {
  const int n = std::clamp(size, 2, 2048);
  return {n, 1, n - 1, 1};
}

TerrainLayout lod_layout(int size) {
  TerrainLayout layout;
  layout.size = size;
  layout.patches = kPatchesPerSide;
  layout.patch_cells = (size - 1) / kPatchesPerSide;
  layout.levels = 1;
  while ((layout.patch_cells >> layout.levels) > 0) ++layout.levels;  // down to one cell a patch
  return layout;
}

}  // namespace losscape
