// The camera rig alone: glides, bookmarks, the top-down view and back, following, the lens shift.
#include "engine/app/window/camera_rig.hpp"

#include <gtest/gtest.h>

using namespace losscape;

namespace {

OrbitCamera looking_from(float yaw) {
  OrbitCamera camera;
  camera.yaw_degrees = yaw;
  return camera;
}

}  // namespace

TEST(CameraRig, AGlideEasesFromTheCameraToItsTargetAndLands) {
  CameraRig rig;
  rig.camera() = looking_from(0.0f);
  rig.glide_to(looking_from(90.0f), 10.0);
  rig.update_glide(10.4);  // half way in time: eased, so half way in angle too (smoothstep(0.5) = 0.5)
  EXPECT_NEAR(rig.camera().yaw_degrees, 45.0f, 1.0f);
  rig.update_glide(10.1);  // earlier than before: the start of the ease, slowly
  EXPECT_LT(rig.camera().yaw_degrees, 5.0f);
  rig.update_glide(10.8);
  EXPECT_FLOAT_EQ(rig.camera().yaw_degrees, 90.0f);
  EXPECT_FALSE(rig.gliding());
}

TEST(CameraRig, TheUserTakingOverStopsTheGlide) {
  CameraRig rig;
  rig.glide_to(looking_from(90.0f), 0.0);
  rig.stop_gliding();
  const float yaw = rig.camera().yaw_degrees;
  rig.update_glide(1.0);
  EXPECT_EQ(rig.camera().yaw_degrees, yaw);
}

TEST(CameraRig, TopDownTurnsContoursOnAndGoesBackToTheViewItLeft) {
  CameraRig rig;
  rig.camera() = looking_from(30.0f);
  bool contours = false;
  EXPECT_TRUE(rig.toggle_top_down(contours, looking_from(-40.0f), 0.0));
  EXPECT_TRUE(contours);
  EXPECT_TRUE(rig.top_down()) << "already while gliding there";
  rig.update_glide(1.0);
  EXPECT_TRUE(rig.camera().orthographic);
  EXPECT_FALSE(rig.toggle_top_down(contours, looking_from(-40.0f), 1.0));
  EXPECT_FALSE(contours);
  rig.update_glide(2.0);
  EXPECT_FALSE(rig.camera().orthographic);
  EXPECT_FLOAT_EQ(rig.camera().yaw_degrees, 30.0f);
}

TEST(CameraRig, BookmarksComeBackAndStopTheAutomaticMotion) {
  CameraRig rig;
  EXPECT_FALSE(rig.recall_bookmark(3, 0.0)) << "none stored yet";
  rig.camera() = looking_from(12.0f);
  rig.store_bookmark(3);
  rig.camera() = looking_from(70.0f);
  rig.toggle_auto_orbit();
  EXPECT_TRUE(rig.toggle_follow());
  EXPECT_TRUE(rig.recall_bookmark(3, 0.0));
  EXPECT_FALSE(rig.following());
  rig.update_glide(1.0);
  rig.update_motion(1.0, glm::vec3(0.5f));
  EXPECT_FLOAT_EQ(rig.camera().yaw_degrees, 12.0f) << "no orbiting or following after a recall";
}

TEST(CameraRig, OrbitsAndFollowsOnlyOnceAGlideHasLanded) {
  CameraRig rig;
  rig.toggle_auto_orbit();
  rig.glide_to(looking_from(10.0f), 0.0);
  rig.update_motion(1.0, std::nullopt);
  rig.update_glide(1.0);
  EXPECT_FLOAT_EQ(rig.camera().yaw_degrees, 10.0f);
  rig.update_motion(1.0, std::nullopt);
  EXPECT_FLOAT_EQ(rig.camera().yaw_degrees, 18.0f) << "8 degrees a second";
  rig.toggle_follow();
  const glm::vec3 ball(0.5f, 0.2f, -0.3f);
  for (int i = 0; i < 100; ++i) rig.update_motion(0.1, ball);
  EXPECT_NEAR(glm::length(rig.camera().target - ball), 0.0f, 1e-3f);
}

TEST(CameraRig, TheFirstLensShiftIsInPlaceThenEases) {
  CameraRig rig;
  rig.ease_lens_shift(0.3f, false, 0.016);
  EXPECT_EQ(rig.camera().lens_shift.x, 0.0f) << "not known yet: none";
  rig.ease_lens_shift(0.3f, true, 0.016);
  EXPECT_FLOAT_EQ(rig.camera().lens_shift.x, 0.3f);
  rig.ease_lens_shift(0.0f, true, 0.016);
  EXPECT_GT(rig.camera().lens_shift.x, 0.0f);
  EXPECT_LT(rig.camera().lens_shift.x, 0.3f);
  rig.camera() = OrbitCamera{};  // a new scene's camera comes without one
  rig.apply_lens_shift();
  EXPECT_GT(rig.camera().lens_shift.x, 0.0f);
}
