#pragma once
// An orbit camera around a target point: orbit (yaw/pitch), pan (move the target), zoom
// (distance). Perspective, or orthographic for the flat top-down contour view, where `distance`
// still sets the zoom: the picture shows as much around the target as the perspective camera
// at that distance would. Pure GLM; input handling lives in the app.
#include <glm/glm.hpp>

namespace losscape {

struct Ray {
  glm::vec3 origin;
  glm::vec3 direction;  // unit length
};

class OrbitCamera {
 public:
  void reset();  // the default three-quarter view of the unit terrain
  void orbit(float delta_yaw_degrees, float delta_pitch_degrees);
  void pan(float dx_pixels, float dy_pixels, int viewport_height);
  void zoom(float wheel_steps);

  // Where the camera is. An orthographic camera stands far back (kOrthographicEyeDistance),
  // whatever its zoom: the eye rays that light and ray-cast the balls are then as good as parallel.
  glm::vec3 eye() const;
  // A unit vector from the target towards the eye.
  glm::vec3 backward() const;
  glm::mat4 view() const;
  glm::mat4 projection(float aspect) const;
  // The ray through pixel (x, y), y measured from the top, in a viewport of width x height.
  Ray ray_through_pixel(float x, float y, int width, int height) const;

  glm::vec3 target{0.0f, 0.12f, 0.0f};
  float yaw_degrees = -40.0f;   // around the vertical axis
  float pitch_degrees = 36.0f;  // above the horizon
  float distance = 4.3f;
  float fov_degrees = 40.0f;
  bool orthographic = false;
  // Where the target appears, in normalized device coordinates (0, 0: the picture's middle).
  // The window moves its view right of the panel with it: the picture slides, nothing turns.
  // Never part of a scene or a picture (PictureMaker draws with none).
  glm::vec2 lens_shift{0.0f};

  static constexpr float kOrthographicEyeDistance = 60.0f;
  static constexpr float kMaxPitchDegrees = 90.0f;  // straight down (the top-down view)
};

// The flat top-down contour view: straight down, orthographic, x to the right and y up like a
// contour plot, the whole unit terrain in view.
OrbitCamera top_down_camera();

// Part of the way from a to b (t from 0 to 1): yaw the short way round, the picture's size
// geometrically (a zoom feels even), target and field of view linearly. The smooth move between
// slides. Into or out of an orthographic view the camera narrows its field of view towards
// parallel while backing away (a dolly zoom), so the flat view arrives without a jump.
OrbitCamera blend(const OrbitCamera& a, const OrbitCamera& b, float t);

}  // namespace losscape
