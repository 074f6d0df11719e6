#include "engine/render/offscreen.hpp"

namespace losscape {

bool render_to_image(SceneRenderer& renderer, RenderTarget& target, const Simulation& simulation,
                     const OrbitCamera& camera, int width, int height, const RenderOptions& options, Image& out,
                     std::string& error, const std::function<void()>& over_scene) {
  if (!target.resize(width, height, options.msaa_samples, error)) return false;
  target.bind_for_scene();
  renderer.render(simulation, camera, width, height, options);
  target.resolve();
  if (over_scene) {
    target.bind_resolved();
    over_scene();
  }
  out = target.read_resolved();
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  return true;
}

}  // namespace losscape
