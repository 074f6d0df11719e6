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
  gl::VertexArray vao_;
  gl::Buffer vbo_, ebo_;
  GLenum usage_ = GL_STATIC_DRAW;
  int floats_per_vertex_ = 0;
  GLsizei vertex_count_ = 0, index_count_ = 0;
  std::vector<const void*> offsets_;  // draw_parts' scratch
#ifdef __EMSCRIPTEN__
  std::vector<std::uint32_t> indices_;   // a copy of the index list, and
  std::vector<std::uint32_t> gathered_;  // the parts last drawn, gathered (draw_parts), and which
  std::vector<GLsizei> gathered_counts_, gathered_firsts_;
  std::vector<GLint> gathered_bases_;
  gl::Buffer gathered_ebo_;
#endif
};

}  // namespace losscape
