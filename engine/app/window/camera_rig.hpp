#pragma once
// The window's camera and everything that moves it besides the mouse: a smooth glide to a slide's
// or a bookmark's view, orbiting slowly by itself, following a ball, the nine bookmarks, the flat
// top-down view and back, and the view's slide to the middle of what the panel leaves free. The
// app turns input into calls here; nothing here knows the window, ImGui or the scene.
#include "engine/render/camera.hpp"

#include <glm/glm.hpp>

#include <optional>

namespace losscape {

class CameraRig {
 public:
  // The camera as it is this frame; drags, pans and zooms change it directly.
  OrbitCamera& camera() { return camera_; }
  const OrbitCamera& camera() const { return camera_; }

  // Glides (0.8 s, eased in and out) from the camera as it is now to `target`.
  void glide_to(const OrbitCamera& target, double now);
  void stop_gliding() { glide_.reset(); }  // the user takes over
  bool gliding() const { return glide_.has_value(); }

  // Once a frame, before the simulation: the glide's next position.
  void update_glide(double now);
  // Once a frame, after the simulation: orbiting by itself and following `followed` (the point a
  // ball is drawn at; none: nothing to follow), both only once a glide has landed.
  void update_motion(double seconds, const std::optional<glm::vec3>& followed);
  void toggle_auto_orbit() { auto_orbit_ = !auto_orbit_; }
  bool toggle_follow() { return follow_ = !follow_; }  // whether it follows now
  void stop_motion() { auto_orbit_ = follow_ = false; }
  bool following() const { return follow_; }

  // Bookmarks 1 to 9.
  void store_bookmark(int number) { bookmarks_[number - 1] = camera_; }
  // Glides to bookmark `number` (stopping the automatic motions); false when none is stored.
  bool recall_bookmark(int number, double now);

  // Whether the camera is, or is gliding to, the flat top-down view.
  bool top_down() const { return (glide_ ? glide_->to : camera_).orthographic; }
  // T: glides to the top-down view, turning `contours` on (a map from above reads by its lines);
  // or back to the 3D view it left, with `contours` as they were (`fallback` where it came from
  // no 3D view). Returns whether it is going to the top-down view.
  bool toggle_top_down(bool& contours, const OrbitCamera& fallback, double now);

  // The view's horizontal slide (OrbitCamera::lens_shift's x) towards `wanted`, eased; `known`
  // false while what is wanted is not yet known (the panel not laid out once), so the first
  // picture is already in place rather than sliding in.
  void ease_lens_shift(float wanted, bool known, double seconds);
  // Puts the lens shift on the camera (a new scene's camera comes without one).
  void apply_lens_shift() { camera_.lens_shift = glm::vec2(lens_shift_ > 0.0f ? lens_shift_ : 0.0f, 0.0f); }

 private:
  struct Glide {
    OrbitCamera from, to;
    double start = 0.0, seconds = 0.8;
  };
  struct BeforeTopDown {
    OrbitCamera camera;
    bool contours = false;
  };
  OrbitCamera camera_;
  std::optional<Glide> glide_;
  bool auto_orbit_ = false, follow_ = false;
  std::optional<OrbitCamera> bookmarks_[9];
  std::optional<BeforeTopDown> before_top_down_;  // what T returns to
  float lens_shift_ = -1.0f;                      // -1 until the wanted shift is known
};

}  // namespace losscape
