#include "engine/render/compute/storage_buffers.hpp"

#include <algorithm>

namespace losscape {

gl::Buffer storage_buffer(std::size_t bytes, const void* data, GLenum usage) {
  gl::Buffer buffer = gl::make_buffer();
  glBindBuffer(GL_COPY_WRITE_BUFFER, buffer.id());
  // A buffer of no numbers gets a dvec2's bytes, uninitialised: nothing reads them.
  glBufferData(GL_COPY_WRITE_BUFFER, static_cast<GLsizeiptr>(std::max(bytes, 2 * sizeof(double))),
               bytes > 0 ? data : nullptr, usage);
  glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
  return buffer;
}

void write_buffer(const gl::Buffer& buffer, std::size_t offset, const void* data, std::size_t bytes) {
  if (bytes == 0) return;
  glBindBuffer(GL_COPY_WRITE_BUFFER, buffer.id());
  glBufferSubData(GL_COPY_WRITE_BUFFER, static_cast<GLintptr>(offset), static_cast<GLsizeiptr>(bytes), data);
  glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
}

void clear_buffer(const gl::Buffer& buffer, std::size_t offset, std::size_t bytes) {
  if (bytes == 0) return;
  glBindBuffer(GL_COPY_WRITE_BUFFER, buffer.id());
  // No data: the driver fills with zeros (GL 4.3, as compute shaders are).
  glClearBufferSubData(GL_COPY_WRITE_BUFFER, GL_R32UI, static_cast<GLintptr>(offset), static_cast<GLsizeiptr>(bytes),
                       GL_RED_INTEGER, GL_UNSIGNED_INT, nullptr);
  glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
}

void clear_buffer(const gl::Buffer& buffer) {
  glBindBuffer(GL_COPY_WRITE_BUFFER, buffer.id());
  glClearBufferData(GL_COPY_WRITE_BUFFER, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, nullptr);
  glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
}

void read_buffer(const gl::Buffer& buffer, std::size_t offset, void* out, std::size_t bytes) {
  if (bytes == 0) return;
  glBindBuffer(GL_COPY_READ_BUFFER, buffer.id());
  glGetBufferSubData(GL_COPY_READ_BUFFER, static_cast<GLintptr>(offset), static_cast<GLsizeiptr>(bytes), out);
  glBindBuffer(GL_COPY_READ_BUFFER, 0);
}

}  // namespace losscape
