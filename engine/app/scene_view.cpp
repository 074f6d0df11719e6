#include "engine/app/scene_view.hpp"

#include "engine/platform/gl_context.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {

RenderOptions render_options_for(const Scene& scene, bool interactive) {
  RenderOptions options;
  static_cast<ViewSettings&>(options) = scene.view;
  // In the window, no multisampling on a software renderer: 2.6x the frame time on llvmpipe.
  if (interactive && current_gl_is_software()) options.msaa_samples = 0;
  return options;
}

OrbitCamera default_camera(const CostFunction& cost) {
  OrbitCamera camera;
  const PreferredView view = cost.preferred_view();
  camera.yaw_degrees = view.yaw.value_or(camera.yaw_degrees);
  camera.pitch_degrees = view.pitch.value_or(camera.pitch_degrees);
  camera.distance = view.distance.value_or(camera.distance);
  return camera;
}

const std::vector<std::string>& view_names() {
  static const std::vector<std::string> names = {"default", "top", "front", "side", "corner"};
  return names;
}

bool named_view(const std::string& name, const CostFunction& cost, OrbitCamera& out) {
  out = OrbitCamera{};
  if (name == "default" || name.empty()) {
    out = default_camera(cost);
  } else if (name == "top") {  // straight down and flat, x to the right and y up, like a contour plot
    out = top_down_camera();
  } else if (name == "front") {  // from y_min, low: the profile along x
    out.yaw_degrees = 0.0f;
    out.pitch_degrees = 12.0f;
  } else if (name == "side") {  // from x_max, low: the profile along y
    out.yaw_degrees = 90.0f;
    out.pitch_degrees = 12.0f;
  } else if (name != "corner") {  // corner: the three-quarter view OrbitCamera starts with
    return false;
  }
  return true;
}

OrbitCamera initial_camera(const Scene& scene, const CostFunction& cost) {
  const CameraSpec& spec = scene.camera;
  OrbitCamera camera;
  if (!named_view(spec.view, cost, camera)) camera = default_camera(cost);  // validated when loaded
  if (spec.target) camera.target = *spec.target;
  if (spec.yaw) camera.yaw_degrees = *spec.yaw;
  if (spec.pitch) camera.pitch_degrees = *spec.pitch;
  if (spec.distance) camera.distance = *spec.distance;
  if (spec.fov) camera.fov_degrees = *spec.fov;
  if (spec.orthographic) camera.orthographic = *spec.orthographic;
  if (spec.position) {
    const glm::vec3 offset = *spec.position - camera.target;
    camera.distance = std::max(glm::length(offset), 1e-3f);
    camera.pitch_degrees = glm::degrees(std::asin(std::clamp(offset.y / camera.distance, -1.0f, 1.0f)));
    camera.yaw_degrees = glm::degrees(std::atan2(offset.x, offset.z));
  }
  return camera;
}

CameraSpec camera_spec(const OrbitCamera& camera) {
  CameraSpec spec;
  spec.yaw = camera.yaw_degrees;
  spec.pitch = camera.pitch_degrees;
  spec.distance = camera.distance;
  spec.fov = camera.fov_degrees;
  spec.target = camera.target;
  if (camera.orthographic) spec.orthographic = true;
  return spec;
}

}  // namespace losscape
