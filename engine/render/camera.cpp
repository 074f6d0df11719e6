#include "engine/render/camera.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace losscape {

void OrbitCamera::reset() { *this = OrbitCamera{}; }

void OrbitCamera::orbit(float delta_yaw_degrees, float delta_pitch_degrees) {
  yaw_degrees = std::fmod(yaw_degrees + delta_yaw_degrees, 360.0f);
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

glm::vec3 OrbitCamera::eye() const {
  const float yaw = glm::radians(yaw_degrees), pitch = glm::radians(pitch_degrees);
  const glm::vec3 offset(std::cos(pitch) * std::sin(yaw), std::sin(pitch), std::cos(pitch) * std::cos(yaw));
  return target + distance * offset;
}

glm::mat4 OrbitCamera::view() const { return glm::lookAt(eye(), target, glm::vec3(0, 1, 0)); }

glm::mat4 OrbitCamera::projection(float aspect) const {
  return glm::perspective(glm::radians(fov_degrees), aspect, 0.02f, 100.0f);
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

OrbitCamera blend(const OrbitCamera& a, const OrbitCamera& b, float t) {
  OrbitCamera c = b;
  float turn = std::fmod(b.yaw_degrees - a.yaw_degrees, 360.0f);
  if (turn > 180.0f) turn -= 360.0f;
  if (turn < -180.0f) turn += 360.0f;
  c.yaw_degrees = a.yaw_degrees + t * turn;
  c.pitch_degrees = a.pitch_degrees + t * (b.pitch_degrees - a.pitch_degrees);
  c.distance = a.distance * std::pow(b.distance / a.distance, t);
  c.fov_degrees = a.fov_degrees + t * (b.fov_degrees - a.fov_degrees);
  c.target = a.target + t * (b.target - a.target);
  return c;
}

}  // namespace losscape
