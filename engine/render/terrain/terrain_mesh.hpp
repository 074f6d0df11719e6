#pragma once
// The terrain on the GPU: the finest grid's vertices and every patch index list, uploaded once
// per function (or resolution, or height transform); each frame one call draws every patch at
// the level the view chooses.
#include "engine/render/mesh.hpp"
#include "engine/render/terrain/terrain_patches.hpp"
#include "engine/render/terrain/terrain_samples.hpp"

namespace losscape {

class TerrainMesh {
 public:
  void init();  // needs a current GL context
  void upload(const TerrainSamples& samples, const TerrainLayout& layout);
  void draw(const LodView& view);

  const TerrainLayout& layout() const { return patches_.layout(); }
  std::size_t vertices() const { return vertices_; }
  std::size_t triangles() const { return patches_.triangles(); }  // in the last draw
  float drawn_error(glm::vec2 world_xz) const { return patches_.drawn_error(world_xz); }

 private:
  Mesh mesh_;
  TerrainPatches patches_;
  std::size_t vertices_ = 0;
  std::vector<GLsizei> counts_, firsts_;  // the draw's, reused every frame
  std::vector<GLint> base_vertices_;
};

}  // namespace losscape
