#include "engine/render/colormap_strips.hpp"

#include "engine/render/terrain/terrain_programs.hpp"

namespace losscape {

ColormapStrips::Strip& ColormapStrips::strip(Colormap colormap) {
  TerrainLook look;
  look.colormap = colormap;
  // The terrain's full-screen sky triangle (sky.vert) covers the strip; the defines pick the map
  // exactly as they do for the terrain.
  // Strip{...}, not try_emplace's parenthesised aggregate initialisation: clang 14 (the sanitizer
  // build) has none.
  auto [it, inserted] = strips_.try_emplace(
      colormap, Strip{ShaderProgram("sky.vert", "colormap_strip.frag", terrain_defines(look)), gl::Texture(), false});
  // An error leaves it invalid, and texture() gives 0: the terrain shaders report shader errors.
  if (inserted) static_cast<void>(it->second.program.load());
  return it->second;
}

void ColormapStrips::draw(Strip& strip) {
  if (!strip.program.valid()) return;
  if (!strip.texture) strip.texture = gl::make_texture();
  glBindTexture(GL_TEXTURE_2D, strip.texture.id());
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, kTexels, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);

  // Whatever the caller had bound comes back afterwards.
  GLint framebuffer = 0, program = 0, vertex_array = 0, viewport[4] = {};
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &framebuffer);
  glGetIntegerv(GL_CURRENT_PROGRAM, &program);
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vertex_array);
  glGetIntegerv(GL_VIEWPORT, viewport);
  const GLboolean blend = glIsEnabled(GL_BLEND), depth = glIsEnabled(GL_DEPTH_TEST),
                  scissor = glIsEnabled(GL_SCISSOR_TEST);

  const gl::Framebuffer fbo = gl::make_framebuffer();
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo.id());
  glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, strip.texture.id(), 0);
  glViewport(0, 0, 1, kTexels);
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_SCISSOR_TEST);
  strip.program.use();
  strip.program.set("u_texels", static_cast<float>(kTexels));
  glBindVertexArray(empty_vao_.id());
  glDrawArrays(GL_TRIANGLES, 0, 3);
  strip.drawn = true;

  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(framebuffer));
  glUseProgram(static_cast<GLuint>(program));
  glBindVertexArray(static_cast<GLuint>(vertex_array));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  if (blend) glEnable(GL_BLEND);
  if (depth) glEnable(GL_DEPTH_TEST);
  if (scissor) glEnable(GL_SCISSOR_TEST);
}

GLuint ColormapStrips::texture(Colormap colormap) {
  if (!empty_vao_) empty_vao_ = gl::make_vertex_array();
  Strip& s = strip(colormap);
  if (!s.drawn) draw(s);
  return s.drawn ? s.texture.id() : 0;
}

Status ColormapStrips::reload_changed() {
  std::string first_error;
  for (auto& [colormap, s] : strips_) {
    if (!s.program.changed_on_disk()) continue;
    const Status loaded = s.program.load();
    // Redrawn when next asked for; a program that failed keeps its last good self and strip.
    if (loaded) s.drawn = false;
    if (!loaded && first_error.empty()) first_error = loaded.error();
  }
  return first_error.empty() ? Status() : Error{first_error};
}

std::vector<glm::u8vec4> ColormapStrips::read(Colormap colormap) {
  std::vector<glm::u8vec4> texels(kTexels);
  const GLuint id = texture(colormap);
  if (!id) return {};
  GLint framebuffer = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &framebuffer);
  const gl::Framebuffer fbo = gl::make_framebuffer();
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo.id());
  glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, id, 0);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, 1, kTexels, GL_RGBA, GL_UNSIGNED_BYTE, texels.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(framebuffer));
  return texels;
}

}  // namespace losscape
