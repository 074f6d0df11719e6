#pragma once
// The buffers the compute paths keep their numbers in (the GPU swarm, the GPU basin map, the cost
// evaluator, the fma probe): made, filled, zeroed on the GPU and read back, one way for all. Every
// call binds the buffer to the copy targets (GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER), so no
// shader storage or uniform binding point a shader or the renderer uses is disturbed.
#include "engine/render/gl_resources.hpp"

#include <cstddef>
#include <vector>

namespace losscape {

// A new buffer of `bytes` (at least a dvec2's: a buffer bound for a shader may not be empty),
// holding `data` where given, else undefined contents.
gl::Buffer storage_buffer(std::size_t bytes, const void* data = nullptr, GLenum usage = GL_DYNAMIC_COPY);
template <class T>
gl::Buffer storage_buffer(const std::vector<T>& data, GLenum usage = GL_DYNAMIC_COPY) {
  return storage_buffer(data.size() * sizeof(T), data.data(), usage);
}

// Writes `bytes` of `data` at `offset`, keeping the buffer's storage (no reallocation).
void write_buffer(const gl::Buffer& buffer, std::size_t offset, const void* data, std::size_t bytes);
template <class T>
void write_buffer(const gl::Buffer& buffer, const std::vector<T>& data) {
  write_buffer(buffer, 0, data.data(), data.size() * sizeof(T));
}

// Zeroes `bytes` from `offset` (both multiples of 4) on the GPU: nothing is uploaded. Zero bits
// are 0 as an int and +0.0 as a double.
void clear_buffer(const gl::Buffer& buffer, std::size_t offset, std::size_t bytes);
// The whole buffer.
void clear_buffer(const gl::Buffer& buffer);

// Reads `bytes` from `offset`: waits until the GPU has done what was asked of the buffer.
void read_buffer(const gl::Buffer& buffer, std::size_t offset, void* out, std::size_t bytes);
template <class T>
std::vector<T> read_buffer(const gl::Buffer& buffer, std::size_t count, std::size_t first = 0) {
  std::vector<T> out(count);
  read_buffer(buffer, first * sizeof(T), out.data(), count * sizeof(T));
  return out;
}

}  // namespace losscape
