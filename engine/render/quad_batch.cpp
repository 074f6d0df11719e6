#include "engine/render/quad_batch.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace losscape {

void QuadBatch::init() {
  vao_ = gl::make_vertex_array();
  vertices_buffer_ = gl::make_buffer();
  indices_buffer_ = gl::make_buffer();
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vertices_buffer_.id());
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, indices_buffer_.id());  // part of the vertex array's state
  const auto stride = static_cast<GLsizei>(2 * sizeof(glm::vec4));
  for (GLuint a = 0; a < 2; ++a) {
    glEnableVertexAttribArray(a);
    glVertexAttribPointer(a, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(a * sizeof(glm::vec4)));
  }
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void QuadBatch::draw_items(const glm::vec4* attributes, std::size_t count) {
  if (count == 0) return;
  vertices_.resize(8 * count);
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t corner = 0; corner < 4; ++corner) {
      vertices_[8 * i + 2 * corner] = attributes[2 * i];
      vertices_[8 * i + 2 * corner + 1] = attributes[2 * i + 1];
    }
  }
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vertices_buffer_.id());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices_.size() * sizeof(glm::vec4)), vertices_.data(),
               GL_STREAM_DRAW);
  if (count > indexed_quads_) {
    // Corners 0 1 2 3 as a strip would join them: triangles 0 1 2 and 2 1 3.
    indexed_quads_ = std::max<std::size_t>(2 * indexed_quads_, count);
    std::vector<std::uint32_t> indices(6 * indexed_quads_);
    for (std::size_t q = 0; q < indexed_quads_; ++q) {
      const auto v = static_cast<std::uint32_t>(4 * q);
      const std::uint32_t square[6] = {v, v + 1, v + 2, v + 2, v + 1, v + 3};
      std::copy(std::begin(square), std::end(square), indices.begin() + static_cast<std::ptrdiff_t>(6 * q));
    }
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(indices.size() * sizeof(std::uint32_t)),
                 indices.data(), GL_STATIC_DRAW);
  }
  glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(6 * count), GL_UNSIGNED_INT, nullptr);
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

}  // namespace losscape
