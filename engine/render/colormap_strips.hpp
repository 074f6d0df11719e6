#pragma once
// The terrain's colour maps as textures, one texel per step of the map's input t (bottom row
// t = 0, top row t = 1): drawn by shaders/colormap_strip.frag through the same colormap.glsl as
// the terrain, so the colour bar over the picture shows exactly the terrain's colours and the
// maps' coefficients live in one place only.
#include "engine/render/gl_resources.hpp"
#include "engine/render/shader.hpp"
#include "engine/scene/scene.hpp"

#include <map>
#include <string>
#include <vector>

namespace losscape {

class ColormapStrips {
 public:
  static constexpr int kTexels = 256;

  // The texture of `colormap` (1 x kTexels, RGBA8, linear filtering), drawn the first time it is
  // asked for; 0 when its shader does not compile. Needs a current GL context; leaves the bound
  // framebuffer, viewport and program as they were, so it may be called in the middle of a frame.
  GLuint texture(Colormap colormap);
  // Redraws the strips after colormap.glsl changed on disk; returns the first compile error.
  Status reload_changed();
  // The strip's colours as the GPU drew them, t = 0 first (for tests).
  std::vector<glm::u8vec4> read(Colormap colormap);

 private:
  struct Strip {
    ShaderProgram program;
    gl::Texture texture;
    bool drawn = false;
  };
  Strip& strip(Colormap colormap);
  void draw(Strip& strip);

  std::map<Colormap, Strip> strips_;
  gl::VertexArray empty_vao_;
};

}  // namespace losscape
