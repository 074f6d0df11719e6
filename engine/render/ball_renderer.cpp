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
