#include "engine/render/offscreen.hpp"

namespace losscape {

Result<Image> render_to_image(SceneRenderer& renderer, RenderTarget& target, const Simulation& simulation,
                              const OrbitCamera& camera, int width, int height, const RenderOptions& options,
                              const std::function<void()>& over_scene) {
  if (Status sized = target.resize(width, height, options.msaa_samples); !sized) return Error{sized.error()};
  target.bind_for_scene();
  renderer.render(simulation, camera, width, height, options);
  target.resolve();
  if (over_scene) {
    target.bind_resolved();
    over_scene();
  }
  Image image = target.read_resolved();
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  return image;
}

}  // namespace losscape
