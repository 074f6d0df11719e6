#include "engine/render/ball_renderer.hpp"

#include <cstddef>

namespace losscape {

BallRenderer::BallRenderer() : shader_("ball.vert", "ball.frag") {}

std::string BallRenderer::init() {
  if (std::string error = shader_.load(); !error.empty()) return error;
  vao_ = gl::make_vertex_array();
  instances_ = gl::make_buffer();
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, instances_.id());
  const auto stride = static_cast<GLsizei>(sizeof(BallInstance));
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<const void*>(offsetof(BallInstance, centre)));
  glVertexAttribDivisor(0, 1);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<const void*>(offsetof(BallInstance, colour)));
  glVertexAttribDivisor(1, 1);
  glBindVertexArray(0);
  return {};
}

void BallRenderer::draw(const std::vector<BallInstance>& balls, const glm::mat4& view_projection, glm::vec3 eye,
                        glm::vec3 light_direction, const ClipBox& box, Pass pass) {
  if (balls.empty() || !shader_.valid()) return;
  static_assert(sizeof(BallInstance) == 8 * sizeof(float), "centre + radius, then colour: two vec4 attributes");
  glBindBuffer(GL_ARRAY_BUFFER, instances_.id());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(balls.size() * sizeof(BallInstance)), balls.data(),
               GL_STREAM_DRAW);
  shader_.use();
  shader_.set("u_view_projection", view_projection);
  shader_.set("u_eye", eye);
  shader_.set("u_light_dir", light_direction);
  shader_.set("u_box_min", box.min);
  shader_.set("u_box_max", box.max);
  if (pass == Pass::ghost) glDepthMask(GL_FALSE);
  glBindVertexArray(vao_.id());
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(balls.size()));
  glBindVertexArray(0);
  if (pass == Pass::ghost) glDepthMask(GL_TRUE);
}

}  // namespace losscape
