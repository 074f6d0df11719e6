#pragma once
// An offscreen place to draw the scene: a 4x multisampled colour + depth framebuffer that is
// resolved into a single-sampled one. The window resolves straight onto the screen (resolve_onto),
// the headless path reads the resolved image back: screen, screenshots and tests share one path.
// Without multisampling the scene's own colour buffer is the resolved image: nothing to copy.
#include "engine/core/result.hpp"
#include "engine/render/gl_resources.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace losscape {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // top row first

  std::uint8_t* pixel(int x, int y) { return &rgba[(static_cast<std::size_t>(y) * width + x) * 4]; }
  const std::uint8_t* pixel(int x, int y) const { return &rgba[(static_cast<std::size_t>(y) * width + x) * 4]; }
};

// `image` into `texture` (made if it is none), with nearest filtering and clamped edges: one
// texel per cell of a map (the basin overlay, the panel's stability map), so an edge is where the
// map says, not a blur.
void upload_nearest_texture(gl::Texture& texture, const Image& image);

class RenderTarget {
 public:
  RenderTarget() = default;
  // (Re)allocates when the size changes. Returns false with `error` set when the driver cannot.
  // Each buffer is one a software renderer writes through once when it is made (about 20 ms for
  // 8 MB here, at launch), so the single-sampled copy of a multisampled image is made only when
  // first needed: a window's scene, resolved straight onto the screen, never needs one.
  Status resize(int width, int height, int samples);
  void release();  // gives its buffers back; the next resize makes them again
  int width() const { return width_; }
  int height() const { return height_; }

  void bind_for_scene() const;  // the multisampled framebuffer, viewport set
  void resolve();               // multisampled -> single-sampled (nothing to do with 0 samples)
  void bind_resolved() const;   // draw more (the UI) on top of the resolved image
  // The multisampled image resolved straight onto `framebuffer` (a window's, or an offscreen
  // surface's) when it is as large and GL allows it (the same pixel format), else through the
  // resolved image (made then, if this target has none). Leaves `framebuffer` bound.
  void resolve_onto(GLuint framebuffer, int width, int height);
  Image read_resolved() const;  // RGBA8, top row first, after resolve()
  // Single-sampled colour (0 until a multisampled target first resolves), and depth when made with
  // 0 samples: a scene can be drawn into it.
  GLuint resolved_framebuffer() const { return aliased() ? msaa_fbo_.id() : resolved_fbo_.id(); }
  bool resolved_has_depth() const { return aliased() && msaa_fbo_; }

 private:
  // With 0 samples the scene's framebuffer is single-sampled already and serves as the resolved
  // one: one full-screen buffer fewer to make (~20 ms for 8 MB on a software renderer), and no copy.
  bool aliased() const { return samples_ == 0; }
  void blit_resolved_to(GLuint framebuffer, int width, int height) const;
  bool make_scene_buffers();
  bool make_resolved_buffers();
  int width_ = 0, height_ = 0, samples_ = 0;
  gl::Framebuffer msaa_fbo_, resolved_fbo_;
  gl::Renderbuffer msaa_colour_, msaa_depth_, resolved_colour_;
  // Whether resolving straight onto a framebuffer worked, found out once for each (a window's own
  // framebuffer may be BGRA or sRGB, which GL 3.3 refuses to resolve a multisampled RGBA8 onto).
  // Kept by framebuffer name: a window's framebuffer keeps its format, and a resize asks again.
  GLuint direct_tried_for_ = ~0u;
  bool direct_works_ = false;
};

// Reads the currently bound read framebuffer (e.g. the window's) as top-row-first RGBA8.
Image read_framebuffer(int width, int height);

}  // namespace losscape
