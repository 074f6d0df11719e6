#pragma once
// What a scene asks of the picture: its camera (a named view, numbers, or the function's own
// view) and its render settings for a window or a file. The simulation it runs:
// engine/scene/scene_factory.hpp.
#include "engine/core/cost_function.hpp"
#include "engine/render/camera.hpp"
#include "engine/render/scene_renderer.hpp"
#include "engine/scene/scene.hpp"

#include <string>
#include <vector>

namespace losscape {

// The view that shows the function best: its own where it has one (a steep one down Rosenbrock's
// curved valley, CostFunction::preferred_view), the three-quarter corner view elsewhere.
OrbitCamera default_camera(const CostFunction& cost);
// The scene's camera (a named view, numbers, a position), else the function's default view.
OrbitCamera initial_camera(const Scene& scene, const CostFunction& cost);
// The camera as a scene saves it: every number, no named view.
CameraSpec camera_spec(const OrbitCamera& camera);
// "default", "top", "front", "side", "corner"; false when unknown.
bool named_view(const std::string& name, const CostFunction& cost, OrbitCamera& out);
const std::vector<std::string>& view_names();

// The scene's view settings, with what the renderer decides itself (multisampling) for a
// window or for a file.
RenderOptions render_options_for(const Scene& scene, bool interactive);

}  // namespace losscape
