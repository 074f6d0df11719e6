#include "engine/render/camera.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace losscape {

void OrbitCamera::reset() { *this = OrbitCamera{}; }

void OrbitCamera::orbit(float delta_yaw_degrees, float delta_pitch_degrees) {
  yaw_degrees = std::fmod(yaw_degrees + delta_yaw_degrees, 360.0f);
  if (orthographic) return;  // the flat view only turns, it stays looking straight down
  pitch_degrees = std::clamp(pitch_degrees + delta_pitch_degrees, -5.0f, 89.5f);
}

void OrbitCamera::pan(float dx_pixels, float dy_pixels, int viewport_height) {
  // Move the target so the point under the cursor stays under the cursor (at target depth).
  const float world_per_pixel =
      2.0f * distance * std::tan(glm::radians(fov_degrees) * 0.5f) / static_cast<float>(std::max(viewport_height, 1));
  const glm::mat4 v = view();
  const glm::vec3 right(v[0][0], v[1][0], v[2][0]);
  const glm::vec3 up(v[0][1], v[1][1], v[2][1]);
  target += (-dx_pixels * right + dy_pixels * up) * world_per_pixel;
}

void OrbitCamera::zoom(float wheel_steps) {
  distance = std::clamp(distance * std::pow(0.88f, wheel_steps), 0.3f, 30.0f);
}

glm::vec3 OrbitCamera::backward() const {
  const float yaw = glm::radians(yaw_degrees), pitch = glm::radians(pitch_degrees);
  return {std::cos(pitch) * std::sin(yaw), std::sin(pitch), std::cos(pitch) * std::cos(yaw)};
}

glm::vec3 OrbitCamera::eye() const {
  return target + (orthographic ? kOrthographicEyeDistance : distance) * backward();
}

glm::mat4 OrbitCamera::view() const {
  // The camera's own up (not the world's): the same picture below straight down, and still
  // defined there, where the top-down view looks.
  const float yaw = glm::radians(yaw_degrees), pitch = glm::radians(pitch_degrees);
  const glm::vec3 up(-std::sin(pitch) * std::sin(yaw), std::cos(pitch), -std::sin(pitch) * std::cos(yaw));
  return glm::lookAt(eye(), target, up);
}

glm::mat4 OrbitCamera::projection(float aspect) const {
  glm::mat4 lens(1.0f);  // slides the picture by lens_shift (in clip space: x + shift * w)
  lens[3] = glm::vec4(lens_shift, 0.0f, 1.0f);
  if (!orthographic) {
    // Far back (a dolly zoom into the flat view goes a hundred units), the near plane follows so
    // the depth buffer keeps its precision over the terrain.
    return lens * glm::perspective(glm::radians(fov_degrees), aspect, std::max(0.02f, distance - 10.0f),
                                   std::max(100.0f, distance + 10.0f));
  }
  const float half_height = distance * std::tan(glm::radians(fov_degrees) * 0.5f);
  return lens * glm::ortho(-half_height * aspect, half_height * aspect, -half_height, half_height, 0.02f,
                           2.0f * kOrthographicEyeDistance);
}

OrbitCamera top_down_camera() {
  OrbitCamera camera;
  camera.orthographic = true;
  camera.yaw_degrees = 0.0f;
  camera.pitch_degrees = OrbitCamera::kMaxPitchDegrees;
  camera.target = glm::vec3(0.0f);
  camera.distance = 3.8f;  // the unit terrain's [-1, 1] square, with room around it for the axes' values
  return camera;
}

Ray OrbitCamera::ray_through_pixel(float x, float y, int width, int height) const {
  const float aspect = static_cast<float>(width) / static_cast<float>(std::max(height, 1));
  const glm::mat4 inverse = glm::inverse(projection(aspect) * view());
  const float ndc_x = 2.0f * x / static_cast<float>(width) - 1.0f;
  const float ndc_y = 1.0f - 2.0f * y / static_cast<float>(height);
  glm::vec4 near_point = inverse * glm::vec4(ndc_x, ndc_y, -1.0f, 1.0f);
  glm::vec4 far_point = inverse * glm::vec4(ndc_x, ndc_y, 1.0f, 1.0f);
  near_point /= near_point.w;
  far_point /= far_point.w;
  return {glm::vec3(near_point), glm::normalize(glm::vec3(far_point - near_point))};
}

namespace {

// How much around its target a camera shows: half the picture's height at the target's depth.
float half_view(const OrbitCamera& c) { return c.distance * std::tan(glm::radians(c.fov_degrees) * 0.5f); }

// An orthographic camera's look-alike in perspective: a field of view so narrow its rays are
// nearly parallel, from as far back as shows the same picture.
OrbitCamera nearly_parallel(const OrbitCamera& c) {
  constexpr float kNarrowFov = 1.0f;
  OrbitCamera p = c;
  p.orthographic = false;
  p.fov_degrees = kNarrowFov;
  p.distance = half_view(c) / std::tan(glm::radians(kNarrowFov) * 0.5f);
  return p;
}

}  // namespace

OrbitCamera blend(const OrbitCamera& a, const OrbitCamera& b, float t) {
  if (a.orthographic != b.orthographic) {
    if (t >= 1.0f) return b;
    OrbitCamera c = blend(a.orthographic ? nearly_parallel(a) : a, b.orthographic ? nearly_parallel(b) : b, t);
    return t <= 0.0f ? a : c;
  }
  OrbitCamera c = b;
  float turn = std::fmod(b.yaw_degrees - a.yaw_degrees, 360.0f);
  if (turn > 180.0f) turn -= 360.0f;
  if (turn < -180.0f) turn += 360.0f;
  c.yaw_degrees = a.yaw_degrees + t * turn;
  c.pitch_degrees = a.pitch_degrees + t * (b.pitch_degrees - a.pitch_degrees);
  c.fov_degrees = a.fov_degrees + t * (b.fov_degrees - a.fov_degrees);
  // The picture's size changes geometrically; the distance follows from it and the field of view.
  const float size = half_view(a) * std::pow(half_view(b) / half_view(a), t);
  c.distance = size / std::tan(glm::radians(c.fov_degrees) * 0.5f);
  c.target = a.target + t * (b.target - a.target);
  return c;
}

}  // namespace losscape
