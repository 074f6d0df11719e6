#include "engine/render/sprite_batch.hpp"

namespace losscape {

void SpriteBatch::init() {
  vao_ = gl::make_vertex_array();
  vertices_buffer_ = gl::make_buffer();
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vertices_buffer_.id());
  const auto stride = static_cast<GLsizei>(2 * sizeof(glm::vec4));
  for (GLuint a = 0; a < 2; ++a) {
    glEnableVertexAttribArray(a);
    glVertexAttribPointer(a, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(a * sizeof(glm::vec4)));
  }
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void SpriteBatch::draw_items(const glm::vec4* attributes, std::size_t count, bool points) {
  if (count == 0) return;
  const glm::vec4* vertices = attributes;  // points: the items themselves, one vertex each
  if (!points) {
    vertices_.resize(6 * count);
    for (std::size_t i = 0; i < count; ++i) {
      for (std::size_t corner = 0; corner < 3; ++corner) {
        vertices_[6 * i + 2 * corner] = attributes[2 * i];
        vertices_[6 * i + 2 * corner + 1] = attributes[2 * i + 1];
      }
    }
    vertices = vertices_.data();
  }
  const std::size_t drawn = points ? count : 3 * count;
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vertices_buffer_.id());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(2 * drawn * sizeof(glm::vec4)), vertices, GL_STREAM_DRAW);
  glDrawArrays(points ? GL_POINTS : GL_TRIANGLES, 0, static_cast<GLsizei>(drawn));
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

}  // namespace losscape
