#include "engine/render/ball_renderer.hpp"

namespace losscape {

BallRenderer::BallRenderer()
    : shader_("ball.vert", "ball.frag"),
      swarm_shader_("swarm_ball.vert", "swarm_ball.frag"),
      swarm_point_shader_("swarm_point.vert", "swarm_point.frag") {}

Status BallRenderer::init() {
  if (Status loaded = shader_.load(); !loaded) return loaded;
  if (Status loaded = swarm_shader_.load(); !loaded) return loaded;
  if (Status loaded = swarm_point_shader_.load(); !loaded) return loaded;
  sprites_.init();
  return {};
}

void set_ball_uniforms(const ShaderProgram& shader, const glm::mat4& view_projection, glm::vec3 eye,
                       glm::vec3 light_direction, const ClipBox& box) {
  shader.set("u_view_projection", view_projection);
  shader.set("u_eye", eye);
  shader.set("u_light_dir", light_direction);
  shader.set("u_box_min", box.min);
  shader.set("u_box_max", box.max);
}

void draw_swarm_points(const ShaderProgram& shader, const glm::mat4& view_projection,
                       const std::function<void()>& draw) {
  GLint viewport[4] = {}, scissor[4] = {};
  glGetIntegerv(GL_VIEWPORT, viewport);
  glGetIntegerv(GL_SCISSOR_BOX, scissor);
  const bool scissored = glIsEnabled(GL_SCISSOR_TEST) == GL_TRUE;
  const int margin = kSwarmPointMargin;
  const glm::vec2 grown(static_cast<float>(viewport[2] + 2 * margin), static_cast<float>(viewport[3] + 2 * margin));
  glm::mat4 shrink(1.0f);
  shrink[0][0] = static_cast<float>(viewport[2]) / grown.x;
  shrink[1][1] = static_cast<float>(viewport[3]) / grown.y;
  shader.set("u_view_projection", shrink * view_projection);
  shader.set("u_viewport", grown);
  if (!scissored) {  // else the caller's scissor already keeps the drawing in its place
    glEnable(GL_SCISSOR_TEST);
    glScissor(viewport[0], viewport[1], viewport[2], viewport[3]);
  }
  glViewport(viewport[0] - margin, viewport[1] - margin, static_cast<GLsizei>(grown.x), static_cast<GLsizei>(grown.y));
#ifndef __EMSCRIPTEN__
  glEnable(GL_PROGRAM_POINT_SIZE);
#endif
  draw();
#ifndef __EMSCRIPTEN__
  glDisable(GL_PROGRAM_POINT_SIZE);
#endif
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  if (!scissored) {
    glScissor(scissor[0], scissor[1], scissor[2], scissor[3]);
    glDisable(GL_SCISSOR_TEST);
  }
  shader.set("u_view_projection", view_projection);
}

void BallRenderer::draw(const std::vector<BallInstance>& balls, const glm::mat4& view_projection, glm::vec3 eye,
                        glm::vec3 light_direction, const ClipBox& box, Pass pass) {
  ShaderProgram& shader = pass == Pass::swarm          ? swarm_shader_
                          : pass == Pass::swarm_points ? swarm_point_shader_
                                                       : shader_;
  if (balls.empty() || !shader.valid()) return;
  static_assert(sizeof(BallInstance) == 8 * sizeof(float), "centre + radius, then colour: two vec4 attributes");
  shader.use();
  set_ball_uniforms(shader, view_projection, eye, light_direction, box);
  const bool writes_depth = pass == Pass::solid || pass == Pass::swarm || pass == Pass::swarm_points;
  if (!writes_depth) glDepthMask(GL_FALSE);
  if (pass == Pass::on_top) glDisable(GL_DEPTH_TEST);
  if (pass == Pass::swarm_points) {
    draw_swarm_points(shader, view_projection, [&] { sprites_.draw(balls, true); });
  } else {
    sprites_.draw(balls);
  }
  if (pass == Pass::on_top) glEnable(GL_DEPTH_TEST);
  if (!writes_depth) glDepthMask(GL_TRUE);
}

}  // namespace losscape
