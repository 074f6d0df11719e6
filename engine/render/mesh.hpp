#pragma once
// A GPU triangle or line mesh: one VAO, one vertex buffer, optional index buffer. Attributes
// are float vectors laid out back to back (e.g. {3, 3, 1} = position, normal, scalar).
#include "engine/render/gl_resources.hpp"

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace losscape {

class Mesh {
 public:
  Mesh() = default;
  Mesh(std::initializer_list<int> attribute_sizes, GLenum usage = GL_STATIC_DRAW);

  void upload(const std::vector<float>& vertices, const std::vector<std::uint32_t>& indices = {});
  void draw(GLenum mode) const;
  // Parts of the indexed mesh in one call: part k is counts[k] indices from index firsts[k],
  // each index plus base_vertices[k] (so many parts can share one index list).
  void draw_parts(GLenum mode, const std::vector<GLsizei>& counts, const std::vector<GLsizei>& firsts,
                  const std::vector<GLint>& base_vertices);
  bool empty() const { return vertex_count_ == 0; }

 private:
  // Points the VAO's attributes at vertex `first` of the vertex buffer (0: its start).
  void point_attributes_at(GLint first) const;

  gl::VertexArray vao_;
  gl::Buffer vbo_, ebo_;
  GLenum usage_ = GL_STATIC_DRAW;
  std::vector<int> attribute_sizes_;
  int floats_per_vertex_ = 0;
  GLsizei vertex_count_ = 0, index_count_ = 0;
  std::vector<const void*> offsets_;  // draw_parts' scratch
};

}  // namespace losscape
