#include "engine/render/render_target.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace losscape {

void upload_nearest_texture(gl::Texture& texture, const Image& image) {
  if (!texture) texture = gl::make_texture();
  glBindTexture(GL_TEXTURE_2D, texture.id());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
}

Status RenderTarget::resize(int width, int height, int samples) {
  GLint max_size = 0, max_samples = 0;
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
  glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
  if (width <= 0 || height <= 0 || width > max_size || height > max_size) {
    return Error{"impossible size " + std::to_string(width) + "x" + std::to_string(height) +
                 ": this OpenGL driver renders at most " + std::to_string(max_size) + " pixels a side"};
  }
  samples = std::clamp(samples, 0, max_samples);
  if (width == width_ && height == height_ && samples == samples_) return {};
  release();
  width_ = width;
  height_ = height;
  samples_ = samples;
  const bool scene_ok = make_scene_buffers();
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (!scene_ok) {
    width_ = height_ = 0;
    return Error{"could not create a " + std::to_string(width) + "x" + std::to_string(height) +
                 " framebuffer (out of graphics memory?)"};
  }
  return {};
}

void RenderTarget::release() {
  for (gl::Framebuffer* fbo : {&msaa_fbo_, &resolved_fbo_}) fbo->reset();
  for (gl::Renderbuffer* buffer : {&msaa_colour_, &msaa_depth_, &resolved_colour_}) buffer->reset();
  width_ = height_ = 0;
  direct_tried_for_ = ~0u;
}

bool RenderTarget::make_scene_buffers() {
  msaa_colour_ = gl::make_renderbuffer();
  glBindRenderbuffer(GL_RENDERBUFFER, msaa_colour_.id());
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, width_, height_);
  msaa_depth_ = gl::make_renderbuffer();
  glBindRenderbuffer(GL_RENDERBUFFER, msaa_depth_.id());
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_DEPTH_COMPONENT24, width_, height_);
  msaa_fbo_ = gl::make_framebuffer();
  glBindFramebuffer(GL_FRAMEBUFFER, msaa_fbo_.id());
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, msaa_colour_.id());
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, msaa_depth_.id());
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) return true;
  msaa_fbo_.reset();  // none rather than a broken one: the next resize tries again
  return false;
}

bool RenderTarget::make_resolved_buffers() {
  resolved_colour_ = gl::make_renderbuffer();
  glBindRenderbuffer(GL_RENDERBUFFER, resolved_colour_.id());
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width_, height_);
  resolved_fbo_ = gl::make_framebuffer();
  glBindFramebuffer(GL_FRAMEBUFFER, resolved_fbo_.id());
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, resolved_colour_.id());
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) return true;
  resolved_fbo_.reset();  // none rather than a broken one: resolve_onto tries again next frame
  return false;
}

void RenderTarget::bind_for_scene() const {
  glBindFramebuffer(GL_FRAMEBUFFER, msaa_fbo_.id());
  glViewport(0, 0, width_, height_);
}

void RenderTarget::resolve() {
  if (aliased() || (!resolved_fbo_ && !make_resolved_buffers())) return;  // out of memory: stays unresolved
  glBindFramebuffer(GL_READ_FRAMEBUFFER, msaa_fbo_.id());
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolved_fbo_.id());
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

void RenderTarget::bind_resolved() const {
  glBindFramebuffer(GL_FRAMEBUFFER, resolved_framebuffer());
  glViewport(0, 0, width_, height_);
}

void RenderTarget::blit_resolved_to(GLuint framebuffer, int width, int height) const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolved_framebuffer());
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer);
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_LINEAR);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
}

void RenderTarget::resolve_onto(GLuint framebuffer, int width, int height) {
  const bool same_size = width == width_ && height == height_;
  if (same_size && (direct_tried_for_ != framebuffer || direct_works_)) {
    const bool first_try = direct_tried_for_ != framebuffer;
    if (first_try) {
      gl::discard_earlier_errors();
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, msaa_fbo_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer);
    glBlitFramebuffer(0, 0, width_, height_, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    if (first_try) {
      direct_tried_for_ = framebuffer;
      direct_works_ = glGetError() == GL_NO_ERROR;
    }
    if (direct_works_) {
      glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
      return;
    }
  }
  // One full-screen copy more: on a GPU whose pixels are dear, a tenth of a 1080p frame.
  resolve();
  if (!resolved_framebuffer()) {  // out of memory: this frame stays unshown
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    return;
  }
  blit_resolved_to(framebuffer, width, height);
}

Image RenderTarget::read_resolved() const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolved_framebuffer());
  return read_framebuffer(width_, height_);
}

Image read_framebuffer(int width, int height) {
  Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
  // GL's rows start at the bottom; images start at the top.
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<std::uint8_t> tmp(row);
  for (int y = 0; y < height / 2; ++y) {
    std::uint8_t* a = image.rgba.data() + static_cast<std::size_t>(y) * row;
    std::uint8_t* b = image.rgba.data() + static_cast<std::size_t>(height - 1 - y) * row;
    std::memcpy(tmp.data(), a, row);
    std::memcpy(a, b, row);
    std::memcpy(b, tmp.data(), row);
  }
  return image;
}

}  // namespace losscape
