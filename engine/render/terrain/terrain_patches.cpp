#include "engine/render/terrain/terrain_patches.hpp"

#include "engine/render/terrain/terrain_stitching.hpp"

#include <cmath>
#include <utility>

namespace losscape {

TerrainPatches::TerrainPatches(const HeightGrid& grid, const TerrainLayout& layout)
    : layout_(layout), origin_(grid.origin), spacing_(grid.spacing), errors_(patch_errors(grid, layout)) {
  ranges_.resize(static_cast<std::size_t>(layout.levels) * kEdgeSets);
  for (int level = 0; level < layout.levels; ++level) {
    // The coarsest level never meets a coarser one: one list does.
    const unsigned edge_sets = level + 1 < layout.levels ? kEdgeSets : 1;
    for (unsigned edges = 0; edges < edge_sets; ++edges) {
      const std::vector<std::uint32_t> list = patch_indices(layout.patch_cells, level, edges, layout.size);
      ranges_[static_cast<std::size_t>(level) * kEdgeSets + edges] = {static_cast<std::uint32_t>(indices_.size()),
                                                                      static_cast<std::uint32_t>(list.size())};
      indices_.insert(indices_.end(), list.begin(), list.end());
    }
  }
}

const std::vector<TerrainPatches::Draw>& TerrainPatches::draws(const LodView& view) {
  return draws(choose_levels(layout_, errors_, view));
}

const std::vector<TerrainPatches::Draw>& TerrainPatches::draws(std::vector<int> levels) {
  levels_ = std::move(levels);
  draws_.clear();
  for (int py = 0; py < layout_.patches; ++py) {
    for (int px = 0; px < layout_.patches; ++px) {
      const auto level = static_cast<std::size_t>(levels_[static_cast<std::size_t>(py * layout_.patches + px)]);
      const Range range = ranges_[level * kEdgeSets + coarser_edges(layout_, levels_, px, py)];
      draws_.push_back({range.first, range.count, layout_.first_vertex(px, py)});
    }
  }
  return draws_;
}

float TerrainPatches::drawn_error(glm::vec2 world_xz) const {
  if (levels_.empty()) return 0.0f;
  const glm::vec2 cell = (world_xz - origin_) / spacing_;  // in finest cells
  const glm::ivec2 patch(glm::floor(cell / static_cast<float>(layout_.patch_cells)));
  if (patch.x < 0 || patch.y < 0 || patch.x >= layout_.patches || patch.y >= layout_.patches) return 0.0f;
  const auto p = static_cast<std::size_t>(patch.y * layout_.patches + patch.x);
  return errors_[p].error[static_cast<std::size_t>(levels_[p])];
}

std::size_t TerrainPatches::triangles() const {
  std::size_t indices = 0;
  for (const Draw& draw : draws_) indices += draw.count;
  return indices / 3;
}

}  // namespace losscape
