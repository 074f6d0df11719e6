#include "engine/render/mesh.hpp"

#include <algorithm>
#include <iterator>

namespace losscape {

Mesh::Mesh(std::initializer_list<int> attribute_sizes, GLenum usage)
    : vao_(gl::make_vertex_array()), vbo_(gl::make_buffer()), ebo_(gl::make_buffer()), usage_(usage) {
  for (int size : attribute_sizes) floats_per_vertex_ += size;
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo_.id());
  GLuint index = 0;
  std::size_t offset = 0;
  for (int size : attribute_sizes) {
    glEnableVertexAttribArray(index);
    glVertexAttribPointer(index, size, GL_FLOAT, GL_FALSE, floats_per_vertex_ * static_cast<GLsizei>(sizeof(float)),
                          reinterpret_cast<const void*>(offset * sizeof(float)));
    ++index;
    offset += static_cast<std::size_t>(size);
  }
  glBindVertexArray(0);
}

void Mesh::upload(const std::vector<float>& vertices, const std::vector<std::uint32_t>& indices) {
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(float)), vertices.data(), usage_);
  if (!indices.empty()) {
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(indices.size() * sizeof(std::uint32_t)),
                 indices.data(), usage_);
  }
#ifdef __EMSCRIPTEN__
  indices_ = indices;        // draw_parts gathers parts from it
  gathered_counts_.clear();  // and gathers them anew
#endif
  glBindVertexArray(0);
  vertex_count_ = static_cast<GLsizei>(vertices.size() / static_cast<std::size_t>(floats_per_vertex_));
  index_count_ = static_cast<GLsizei>(indices.size());
}

void Mesh::draw(GLenum mode) const {
  if (vertex_count_ == 0) return;
  glBindVertexArray(vao_.id());
  if (index_count_ > 0) {
    glDrawElements(mode, index_count_, GL_UNSIGNED_INT, nullptr);
  } else {
    glDrawArrays(mode, 0, vertex_count_);
  }
  glBindVertexArray(0);
}

void Mesh::draw_parts(GLenum mode, const std::vector<GLsizei>& counts, const std::vector<GLsizei>& firsts,
                      const std::vector<GLint>& base_vertices) {
  if (vertex_count_ == 0 || index_count_ == 0 || counts.empty()) return;
  glBindVertexArray(vao_.id());
#ifdef __EMSCRIPTEN__
  // WebGL2 has no base vertex, and a draw call there costs far more than on the desktop (hundreds
  // of patches, one draw each, took 20 ms a frame): the parts' indices, each plus its base vertex,
  // are gathered into one list and drawn at once; gathered and uploaded again only when the parts
  // change (the view's level of detail), not every frame.
  const bool same = counts == gathered_counts_ && firsts == gathered_firsts_ && base_vertices == gathered_bases_;
  if (!gathered_ebo_) gathered_ebo_ = gl::make_buffer();
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, gathered_ebo_.id());
  if (!same) {
    gathered_counts_ = counts;
    gathered_firsts_ = firsts;
    gathered_bases_ = base_vertices;
    gathered_.clear();
    for (std::size_t k = 0; k < counts.size(); ++k) {
      const auto first = indices_.begin() + firsts[k];
      const auto base = static_cast<std::uint32_t>(base_vertices[k]);
      std::transform(first, first + counts[k], std::back_inserter(gathered_),
                     [base](std::uint32_t i) { return i + base; });
    }
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(gathered_.size() * sizeof(std::uint32_t)),
                 gathered_.data(), GL_STREAM_DRAW);
  }
  glDrawElements(mode, static_cast<GLsizei>(gathered_.size()), GL_UNSIGNED_INT, nullptr);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo_.id());  // the VAO's own index list again
#else
  offsets_.clear();
  for (GLsizei first : firsts) {
    offsets_.push_back(reinterpret_cast<const void*>(static_cast<std::size_t>(first) * sizeof(std::uint32_t)));
  }
  glMultiDrawElementsBaseVertex(mode, counts.data(), GL_UNSIGNED_INT, offsets_.data(),
                                static_cast<GLsizei>(counts.size()), base_vertices.data());
#endif
  glBindVertexArray(0);
}

}  // namespace losscape
