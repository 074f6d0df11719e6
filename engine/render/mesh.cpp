#include "engine/render/mesh.hpp"

namespace losscape {

Mesh::Mesh(std::initializer_list<int> attribute_sizes, GLenum usage)
    : vao_(gl::make_vertex_array()),
      vbo_(gl::make_buffer()),
      ebo_(gl::make_buffer()),
      usage_(usage),
      attribute_sizes_(attribute_sizes) {
  for (int size : attribute_sizes) floats_per_vertex_ += size;
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo_.id());
  for (GLuint index = 0; index < attribute_sizes_.size(); ++index) glEnableVertexAttribArray(index);
  point_attributes_at(0);
  glBindVertexArray(0);
}

void Mesh::point_attributes_at(GLint first) const {
  glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
  const GLsizei stride = floats_per_vertex_ * static_cast<GLsizei>(sizeof(float));
  std::size_t offset = static_cast<std::size_t>(first) * static_cast<std::size_t>(floats_per_vertex_);
  GLuint index = 0;
  for (int size : attribute_sizes_) {
    glVertexAttribPointer(index++, size, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<const void*>(offset * sizeof(float)));
    offset += static_cast<std::size_t>(size);
  }
}

void Mesh::upload(const std::vector<float>& vertices, const std::vector<std::uint32_t>& indices) {
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(float)), vertices.data(), usage_);
  if (!indices.empty()) {
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(indices.size() * sizeof(std::uint32_t)),
                 indices.data(), usage_);
  }
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
  offsets_.clear();
  for (GLsizei first : firsts) {
    offsets_.push_back(reinterpret_cast<const void*>(static_cast<std::size_t>(first) * sizeof(std::uint32_t)));
  }
  glBindVertexArray(vao_.id());
#ifdef __EMSCRIPTEN__
  // WebGL2 has no base vertex: each part is its own draw, the attributes pointed at its first vertex.
  for (std::size_t k = 0; k < counts.size(); ++k) {
    point_attributes_at(base_vertices[k]);
    glDrawElements(mode, counts[k], GL_UNSIGNED_INT, offsets_[k]);
  }
  point_attributes_at(0);
#else
  glMultiDrawElementsBaseVertex(mode, counts.data(), GL_UNSIGNED_INT, offsets_.data(),
                                static_cast<GLsizei>(counts.size()), base_vertices.data());
#endif
  glBindVertexArray(0);
}

}  // namespace losscape
