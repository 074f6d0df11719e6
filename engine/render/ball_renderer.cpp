#include "engine/render/ball_renderer.hpp"

namespace losscape {

BallRenderer::BallRenderer() : shader_("ball.vert", "ball.frag") {}

Status BallRenderer::init() {
  if (Status loaded = shader_.load(); !loaded) return loaded;
  triangles_.init();
  return {};
}

void BallRenderer::draw(const std::vector<BallInstance>& balls, const glm::mat4& view_projection, glm::vec3 eye,
                        glm::vec3 light_direction, const ClipBox& box, Pass pass) {
  if (balls.empty() || !shader_.valid()) return;
  static_assert(sizeof(BallInstance) == 8 * sizeof(float), "centre + radius, then colour: two vec4 attributes");
  shader_.use();
  shader_.set("u_view_projection", view_projection);
  shader_.set("u_eye", eye);
  shader_.set("u_light_dir", light_direction);
  shader_.set("u_box_min", box.min);
  shader_.set("u_box_max", box.max);
  if (pass != Pass::solid) glDepthMask(GL_FALSE);
  if (pass == Pass::on_top) glDisable(GL_DEPTH_TEST);
  triangles_.draw(balls);
  if (pass == Pass::on_top) glEnable(GL_DEPTH_TEST);
  if (pass != Pass::solid) glDepthMask(GL_TRUE);
}

}  // namespace losscape
