// The orbit camera's projections: the flat top-down view is a true map (parallel, x right, y up),
// and the glide into it and out of it has no jump.
#include "engine/render/camera.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace losscape;

namespace {

glm::vec2 to_screen(const OrbitCamera& camera, glm::vec3 world, float aspect = 16.0f / 9.0f) {
  const glm::vec4 clip = camera.projection(aspect) * camera.view() * glm::vec4(world, 1.0f);
  return glm::vec2(clip) / clip.w;
}

}  // namespace

TEST(TopDownView, IsAMapHeightsDoNotMovePointsAndXIsRightYIsUp) {
  const OrbitCamera top = top_down_camera();
  ASSERT_TRUE(top.orthographic);
  // Low ground and a peak above the same (x, y) land on the same pixel: no perspective.
  for (glm::vec3 at : {glm::vec3(0.8f, 0.0f, -0.6f), glm::vec3(-0.9f, 0.0f, 0.9f)}) {
    const glm::vec2 low = to_screen(top, at), high = to_screen(top, at + glm::vec3(0.0f, 0.7f, 0.0f));
    EXPECT_NEAR(glm::distance(low, high), 0.0f, 1e-5f);
  }
  // World x is the domain's x (right on screen); world -z is the domain's y (up on screen).
  EXPECT_GT(to_screen(top, {0.5f, 0.0f, 0.0f}).x, 0.1f);
  EXPECT_GT(to_screen(top, {0.0f, 0.0f, -0.5f}).y, 0.1f);
  // The whole [-1, 1] square is in the picture, with a margin, even on a square one.
  for (glm::vec3 corner : {glm::vec3(-1, 0, -1), glm::vec3(1, 0.7f, 1)}) {
    const glm::vec2 s = to_screen(top, corner, 1.0f);
    EXPECT_LT(std::max(std::abs(s.x), std::abs(s.y)), 0.95f);
    EXPECT_GT(std::max(std::abs(s.x), std::abs(s.y)), 0.6f);
  }
  // Every pixel's ray looks straight down (so a click picks the point under it).
  for (float x : {0.0f, 640.0f, 1279.0f}) {
    const Ray ray = top.ray_through_pixel(x, 100.0f, 1280, 720);
    EXPECT_NEAR(ray.direction.y, -1.0f, 1e-5f);
  }
}

TEST(TopDownView, ZoomAndPanWorkAsInPerspective) {
  OrbitCamera top = top_down_camera();
  const glm::vec3 p(0.5f, 0.0f, 0.0f);
  const float before = to_screen(top, p).x;
  top.zoom(3.0f);
  EXPECT_GT(to_screen(top, p).x, 1.3f * before) << "zooming in makes the map larger";
  // Panning by 100 pixels moves a point under the pointer by 100 pixels.
  OrbitCamera moved = top;
  moved.pan(100.0f, 0.0f, 720);
  const float pixels = (to_screen(moved, p).x - to_screen(top, p).x) * 0.5f * 1280.0f;
  EXPECT_NEAR(pixels, 100.0f, 1.0f);
  // Orbiting turns the map but keeps it looking straight down.
  moved.orbit(30.0f, -40.0f);
  EXPECT_EQ(moved.pitch_degrees, OrbitCamera::kMaxPitchDegrees);
  EXPECT_EQ(moved.yaw_degrees, top.yaw_degrees + 30.0f);
}

TEST(TopDownView, TheGlideIntoItAndOutHasNoJump) {
  const OrbitCamera three_d;  // the default three-quarter view
  const OrbitCamera top = top_down_camera();
  const glm::vec3 points[] = {{0.9f, 0.0f, 0.9f}, {-0.8f, 0.6f, -0.7f}, {0.0f, 0.3f, 0.0f}};
  for (const auto& [from, to] : {std::pair(three_d, top), std::pair(top, three_d)}) {
    float largest_move = 0.0f;
    glm::vec2 last[3];
    for (int i = 0; i < 3; ++i) last[i] = to_screen(from, points[i]);
    for (int step = 1; step <= 200; ++step) {
      const OrbitCamera c = blend(from, to, static_cast<float>(step) / 200.0f);
      for (int i = 0; i < 3; ++i) {
        const glm::vec2 now = to_screen(c, points[i]);
        largest_move = std::max(largest_move, glm::distance(now, last[i]));
        last[i] = now;
      }
    }
    // 200 steps across a picture 2 units wide: an even glide moves ~0.01 a step; a jump, far more.
    EXPECT_LT(largest_move, 0.05f) << (from.orthographic ? "out of" : "into") << " the top-down view";
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(glm::distance(last[i], to_screen(to, points[i])), 0.0f, 1e-5f);
  }
}

TEST(LensShift, SlidesThePictureWithoutTurningItAndPickingFollows) {
  for (const OrbitCamera& base : {OrbitCamera{}, top_down_camera()}) {
    OrbitCamera shifted = base;
    shifted.lens_shift = glm::vec2(0.3f, 0.0f);
    // Every point moves by the same 0.3 across (0.3 of the picture's half width): a slide.
    for (glm::vec3 at : {base.target, glm::vec3(0.7f, 0.2f, -0.4f), glm::vec3(-0.9f, 0.5f, 0.8f)}) {
      const glm::vec2 before = to_screen(base, at), after = to_screen(shifted, at);
      EXPECT_NEAR(after.x - before.x, 0.3f, 1e-4f);
      EXPECT_NEAR(after.y - before.y, 0.0f, 1e-4f);
    }
    // The ray through the pixel where the target now shows passes through the target.
    const int width = 1600, height = 900;
    const Ray ray = shifted.ray_through_pixel(0.5f * width * (1.0f + 0.3f), 0.5f * height, width, height);
    const glm::vec3 to_target = shifted.target - ray.origin;
    EXPECT_NEAR(glm::length(glm::cross(ray.direction, to_target)) / glm::length(to_target), 0.0f, 1e-4f);
  }
}
