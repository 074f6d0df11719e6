#include "engine/render/shadow_renderer.hpp"

namespace losscape {

ShadowRenderer::ShadowRenderer() : shader_("shadow.vert", "shadow.frag") {}

Status ShadowRenderer::init() {
  if (Status loaded = shader_.load(); !loaded) return loaded;
  sprites_.init();
  return {};
}

void ShadowRenderer::draw(const std::vector<ShadowInstance>& shadows, const glm::mat4& view_projection,
                          glm::vec3 light_direction, const ClipBox& box) {
  if (shadows.empty() || !shader_.valid()) return;
  static_assert(sizeof(ShadowInstance) == 8 * sizeof(float), "ground + radius, then normal + strength");
  shader_.use();
  shader_.set("u_view_projection", view_projection);
  shader_.set("u_light_dir", light_direction);
  shader_.set("u_box_min", box.min);
  shader_.set("u_box_max", box.max);
  glDepthMask(GL_FALSE);
  sprites_.draw(shadows);
  glDepthMask(GL_TRUE);
}

}  // namespace losscape
