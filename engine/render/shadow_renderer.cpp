#include "engine/render/shadow_renderer.hpp"

#include <cstddef>

namespace losscape {

ShadowRenderer::ShadowRenderer() : shader_("shadow.vert", "shadow.frag") {}

std::string ShadowRenderer::init() {
  if (std::string error = shader_.load(); !error.empty()) return error;
  vao_ = gl::make_vertex_array();
  instances_ = gl::make_buffer();
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, instances_.id());
  const auto stride = static_cast<GLsizei>(sizeof(ShadowInstance));
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<const void*>(offsetof(ShadowInstance, ground)));
  glVertexAttribDivisor(0, 1);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<const void*>(offsetof(ShadowInstance, normal)));
  glVertexAttribDivisor(1, 1);
  glBindVertexArray(0);
  return {};
}

void ShadowRenderer::draw(const std::vector<ShadowInstance>& shadows, const glm::mat4& view_projection,
                          glm::vec3 light_direction, const ClipBox& box) {
  if (shadows.empty() || !shader_.valid()) return;
  static_assert(sizeof(ShadowInstance) == 8 * sizeof(float), "ground + radius, then normal + strength");
  glBindBuffer(GL_ARRAY_BUFFER, instances_.id());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(shadows.size() * sizeof(ShadowInstance)), shadows.data(),
               GL_STREAM_DRAW);
  shader_.use();
  shader_.set("u_view_projection", view_projection);
  shader_.set("u_light_dir", light_direction);
  shader_.set("u_box_min", box.min);
  shader_.set("u_box_max", box.max);
  glDepthMask(GL_FALSE);
  glBindVertexArray(vao_.id());
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(shadows.size()));
  glBindVertexArray(0);
  glDepthMask(GL_TRUE);
}

}  // namespace losscape
