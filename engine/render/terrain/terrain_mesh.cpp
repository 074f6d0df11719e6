#include "engine/render/terrain/terrain_mesh.hpp"

namespace losscape {

void TerrainMesh::init() { mesh_ = Mesh({3, 3, 1, 1}); }  // as kTerrainVertexFloats lays them out

void TerrainMesh::upload(const TerrainSamples& samples, const TerrainLayout& layout) {
  patches_ = TerrainPatches(samples.grid, layout);
  mesh_.upload(samples.vertices, patches_.indices());
  vertices_ = samples.vertices.size() / kTerrainVertexFloats;
}

void TerrainMesh::draw(const LodView& view) {
  counts_.clear(), firsts_.clear(), base_vertices_.clear();
  for (const TerrainPatches::Draw& d : patches_.draws(view)) {
    counts_.push_back(static_cast<GLsizei>(d.count));
    firsts_.push_back(static_cast<GLsizei>(d.first));
    base_vertices_.push_back(d.base_vertex);
  }
  mesh_.draw_parts(GL_TRIANGLES, counts_, firsts_, base_vertices_);
}

}  // namespace losscape
