#pragma once
// What the terrain is drawn with at any view, without GL: the layout, every patch's errors and
// bounding box, and the index lists of every (level, coarser edges) pair, shared by all patches
// (a patch's list is offset by its first vertex, as glDrawElementsBaseVertex does). Per view,
// one draw per patch: no index data is rebuilt or uploaded when the levels change.
#include "engine/render/terrain/terrain_error.hpp"
#include "engine/render/terrain/terrain_layout.hpp"
#include "engine/render/terrain/terrain_lod.hpp"

#include <cstdint>
#include <vector>

namespace losscape {

class TerrainPatches {
 public:
  struct Draw {
    std::uint32_t first = 0;       // the first index, into indices()
    std::uint32_t count = 0;       // how many indices
    std::int32_t base_vertex = 0;  // added to every index: the patch's first vertex
  };

  TerrainPatches() = default;
  TerrainPatches(const HeightGrid& grid, const TerrainLayout& layout);

  const TerrainLayout& layout() const { return layout_; }
  const std::vector<PatchError>& errors() const { return errors_; }
  const std::vector<std::uint32_t>& indices() const { return indices_; }
  // The patches' levels for `view` and one draw per patch, row by row from the y_min side.
  const std::vector<Draw>& draws(const LodView& view);
  // The draws for given levels, one per patch; neighbours' levels must differ by at most one.
  const std::vector<Draw>& draws(std::vector<int> levels);
  const std::vector<int>& levels() const { return levels_; }  // as draws() last chose them
  std::size_t triangles() const;                              // in the last draws()
  // How far the surface drawn by the last draws() may stray from f at world (x, z): the error
  // of the level its patch was drawn at; 0 outside the terrain or before any draw.
  float drawn_error(glm::vec2 world_xz) const;

 private:
  struct Range {
    std::uint32_t first = 0, count = 0;
  };
  TerrainLayout layout_;
  glm::vec2 origin_{0.0f}, spacing_{1.0f};  // the grid's, as HeightGrid has them
  std::vector<PatchError> errors_;
  std::vector<std::uint32_t> indices_;
  std::vector<Range> ranges_;  // level * kEdgeSets + coarser edges
  std::vector<int> levels_;
  std::vector<Draw> draws_;
};

}  // namespace losscape
