#pragma once
// One frame drawn offscreen and read back: what --screenshot, tests and (later) recording use.
#include "engine/render/render_target.hpp"
#include "engine/render/scene_renderer.hpp"

#include <functional>
#include <string>

namespace losscape {

// Needs a current GL context. The picture, or why not (e.g. an impossible size).
// `over_scene`, if given, draws more (the overlay) on the resolved picture before it is read.
Result<Image> render_to_image(SceneRenderer& renderer, RenderTarget& target, const Simulation& simulation,
                              const OrbitCamera& camera, int width, int height, const RenderOptions& options,
                              const std::function<void()>& over_scene = {});

}  // namespace losscape
