#include "engine/app/window/camera_rig.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {
namespace {

constexpr float kOrbitDegreesPerSecond = 8.0f;

// Eases in and out, so a move between views starts and lands gently.
float smooth(float t) { return t * t * (3.0f - 2.0f * t); }

}  // namespace

void CameraRig::glide_to(const OrbitCamera& target, double now) { glide_ = Glide{camera_, target, now, 0.8}; }

void CameraRig::update_glide(double now) {
  if (!glide_) return;
  const float t = static_cast<float>((now - glide_->start) / glide_->seconds);
  camera_ = blend(glide_->from, glide_->to, smooth(std::clamp(t, 0.0f, 1.0f)));
  if (t >= 1.0f) glide_.reset();
}

void CameraRig::update_motion(double seconds, const std::optional<glm::vec3>& followed) {
  if (glide_) return;  // a slide's move first
  if (auto_orbit_) camera_.orbit(kOrbitDegreesPerSecond * static_cast<float>(seconds), 0.0f);
  if (follow_ && followed) {
    // Eased: the view glides after the ball rather than jerking with each step.
    const float k = 1.0f - std::exp(-4.0f * static_cast<float>(seconds));
    camera_.target += k * (*followed - camera_.target);
  }
}

bool CameraRig::recall_bookmark(int number, double now) {
  if (!bookmarks_[number - 1]) return false;
  stop_motion();
  glide_to(*bookmarks_[number - 1], now);
  return true;
}

bool CameraRig::toggle_top_down(bool& contours, const OrbitCamera& fallback, double now) {
  if (!top_down()) {
    before_top_down_ = BeforeTopDown{camera_, contours};
    contours = true;
    glide_to(top_down_camera(), now);
    return true;
  }
  OrbitCamera back = fallback;
  if (before_top_down_ && !before_top_down_->camera.orthographic) {
    back = before_top_down_->camera;
    contours = before_top_down_->contours;
  }
  before_top_down_.reset();
  glide_to(back, now);
  return false;
}

void CameraRig::ease_lens_shift(float wanted, bool known, double seconds) {
  if (lens_shift_ < 0.0f) {
    if (known) lens_shift_ = wanted;  // the first picture already in place
  } else {
    lens_shift_ += (wanted - lens_shift_) * static_cast<float>(1.0 - std::exp(-12.0 * seconds));
  }
  apply_lens_shift();
}

}  // namespace losscape
