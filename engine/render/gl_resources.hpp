#pragma once
// Move-only RAII owners for GL object names, so no GL object outlives or leaks past its owner.
#include <glad/gl.h>

#include <utility>

namespace losscape::gl {

template <void (*Delete)(GLuint)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(GLuint id) : id_(id) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, 0);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  GLuint id() const { return id_; }
  explicit operator bool() const { return id_ != 0; }
  void reset() {
    if (id_) Delete(id_);
    id_ = 0;
  }

 private:
  GLuint id_ = 0;
};

inline void delete_buffer(GLuint id) { glDeleteBuffers(1, &id); }
inline void delete_vertex_array(GLuint id) { glDeleteVertexArrays(1, &id); }
inline void delete_texture(GLuint id) { glDeleteTextures(1, &id); }
inline void delete_framebuffer(GLuint id) { glDeleteFramebuffers(1, &id); }
inline void delete_renderbuffer(GLuint id) { glDeleteRenderbuffers(1, &id); }
inline void delete_program(GLuint id) { glDeleteProgram(id); }
inline void delete_query(GLuint id) { glDeleteQueries(1, &id); }

using Buffer = Handle<delete_buffer>;
using VertexArray = Handle<delete_vertex_array>;
using Texture = Handle<delete_texture>;
using Framebuffer = Handle<delete_framebuffer>;
using Renderbuffer = Handle<delete_renderbuffer>;
using Program = Handle<delete_program>;
using Query = Handle<delete_query>;

// One new GL object from its glGen* function, owned by its handle.
template <typename Owner, typename Generate>
Owner generate_one(Generate generate) {
  GLuint id = 0;
  generate(1, &id);
  return Owner(id);
}
inline Buffer make_buffer() { return generate_one<Buffer>(glGenBuffers); }
inline VertexArray make_vertex_array() { return generate_one<VertexArray>(glGenVertexArrays); }
inline Texture make_texture() { return generate_one<Texture>(glGenTextures); }
inline Framebuffer make_framebuffer() { return generate_one<Framebuffer>(glGenFramebuffers); }
inline Renderbuffer make_renderbuffer() { return generate_one<Renderbuffer>(glGenRenderbuffers); }
inline Query make_query() { return generate_one<Query>(glGenQueries); }

// Drops errors raised before a call whose own error is about to be asked for (bounded: a lost
// context may report errors for ever).
inline void discard_earlier_errors() {
  for (int i = 0; i < 8 && glGetError() != GL_NO_ERROR; ++i) {
  }
}

}  // namespace losscape::gl
