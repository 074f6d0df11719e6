// The passes a frame is made of: the sky stands in for the colour clear, a multisampled image is
// resolved straight onto the screen's framebuffer (and without samples the scene is drawn straight
// into it), and the benchmark's GPU timeline.
#include "tests/render/render_fixture.hpp"

#include <algorithm>

using namespace losscape;

namespace {

bool is_magenta(int r, int g, int b) { return r > 200 && g < 40 && b > 200; }

// The target as a previous frame might leave it: stale magenta everywhere.
void paint_stale_magenta(RenderTarget& target, int width, int height, int samples) {
  std::string error;
  ASSERT_EQ(target.resize(width, height, samples).error(), "");
  target.bind_for_scene();
  glClearColor(1.0f, 0.0f, 1.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

TEST_F(HeadlessRender, EveryPixelIsDrawnAnewWithoutAColourClear) {
  // The renderer clears only depth when it draws the sky: whatever the target held before must
  // be gone, terrain or sky in every pixel, every sample.
  const int w = 240, h = 135;
  for (const int samples : {0, 4}) {
    options_.msaa_samples = samples;
    paint_stale_magenta(target_, w, h, samples);
    const Image image = render({-0.4, -0.2}, w, h);
    EXPECT_EQ(count_pixels(image, is_magenta), 0) << samples << " samples: the previous frame shows through";
  }
}

TEST_F(HeadlessRender, ATransparentPictureStillClearsItsColours) {
  const int w = 240, h = 135;
  options_.transparent_background = true;
  paint_stale_magenta(target_, w, h, options_.msaa_samples);
  const Image image = render({-0.4, -0.2}, w, h);
  EXPECT_EQ(count_pixels(image, is_magenta), 0);
  EXPECT_EQ(image.pixel(2, 2)[3], 0) << "no sky: the corner stays see-through";
}

TEST_F(HeadlessRender, ResolvingStraightOntoAFramebufferGivesTheSamePicture) {
  const int w = 240, h = 135;
  const Image expected = render({1.0, -1.0}, w, h);  // resolved, then read back
  RenderTarget screen;  // what an offscreen surface draws on: single-sampled RGBA8 and depth
  std::string error;
  ASSERT_EQ(screen.resize(w, h, 0).error(), "");
  RenderTarget scene;  // as the window's: no resolved buffer of its own
  ASSERT_EQ(scene.resize(w, h, options_.msaa_samples).error(), "");
  scene.bind_for_scene();
  renderer_.render(*simulation_, camera_, w, h, options_);
  scene.resolve_onto(screen.resolved_framebuffer(), w, h);
  EXPECT_EQ(scene.resolved_framebuffer(), 0u) << "straight onto the screen: no resolved copy made";
  GLint bound = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &bound);
  EXPECT_EQ(static_cast<GLuint>(bound), screen.resolved_framebuffer()) << "the screen is left bound for the UI";
  const Image direct = screen.read_resolved();
  ASSERT_EQ(direct.rgba.size(), expected.rgba.size());
  EXPECT_TRUE(direct.rgba == expected.rgba);
  // A screen of another size takes the two-step path, scaled, through a resolved buffer made then.
  RenderTarget larger;
  ASSERT_EQ(larger.resize(2 * w, 2 * h, 0).error(), "");
  scene.resolve_onto(larger.resolved_framebuffer(), 2 * w, 2 * h);
  EXPECT_NE(scene.resolved_framebuffer(), 0u);
  const Image scaled = larger.read_resolved();
  const std::uint8_t* a = scaled.pixel(2 * (w / 2), 2 * (h / 2));
  const std::uint8_t* b = expected.pixel(w / 2, h / 2);
  EXPECT_NEAR(a[1], b[1], 24);
  EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

TEST_F(HeadlessRender, WithoutMultisamplingTheSceneIsDrawnStraightIntoTheScreen) {
  // As InteractiveApp does at 0 samples: no target of its own, the scene drawn into the screen's
  // framebuffer, which has depth because its one colour buffer serves as scene and resolved image.
  const int w = 240, h = 135;
  options_.msaa_samples = 0;
  const Image expected = render({1.0, -1.0}, w, h);
  RenderTarget screen;
  std::string error;
  ASSERT_EQ(screen.resize(w, h, 0).error(), "");
  EXPECT_TRUE(screen.resolved_has_depth());
  glBindFramebuffer(GL_FRAMEBUFFER, screen.resolved_framebuffer());
  glViewport(0, 0, w, h);
  renderer_.render(*simulation_, camera_, w, h, options_);
  const Image direct = screen.read_resolved();
  ASSERT_EQ(direct.rgba.size(), expected.rgba.size());
  EXPECT_TRUE(direct.rgba == expected.rgba);
  // With samples there are two buffers, and the resolved one has no depth to draw a scene with.
  ASSERT_EQ(screen.resize(w, h, 4).error(), "");
  EXPECT_FALSE(screen.resolved_has_depth());
  EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

TEST_F(HeadlessRender, TheGpuTimelineNamesEachStageOfAFrame) {
  GpuTimeline timeline;
  render({-0.4, -0.2}, 64, 36);  // shaders compiled, terrain built
  renderer_.set_timeline(&timeline);
  for (int frame = 0; frame < 3; ++frame) {
    timeline.mark("start");
    render_current(64, 36);
    glFinish();
    timeline.end_frame();
  }
  renderer_.set_timeline(nullptr);
  const auto means = timeline.means();
  ASSERT_FALSE(means.empty());
  std::vector<std::string> names;
  for (const auto& [stage, ms] : means) {
    EXPECT_LT(ms, 1000.0) << stage << ": timestamps out of order";
    names.push_back(stage);
  }
  for (const char* stage : {"clear", "terrain", "sky", "balls", "trails"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), stage), names.end()) << stage;
  }
  EXPECT_EQ(std::find(names.begin(), names.end(), "start"), names.end()) << "the first mark only starts the clock";
}
