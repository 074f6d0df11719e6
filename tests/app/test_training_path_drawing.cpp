// A replayed training path as the window shows it: the whole path lies on the terrain from the
// start in its own turquoise, with the ball stepping along it, and the Balls section says honestly
// what its height is (training_path_text). LOSSCAPE_PANEL_PICTURE=PATH.png writes the frame.
#include "engine/app/panels/training_path_text.hpp"
#include "engine/app/window/interactive_app.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/scene/scene_factory.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace losscape;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(LOSSCAPE_SOURCE_DIR) / "tests" / "math" / "data";

Scene replay_scene(bool with_path) {
  Scene scene;
  scene.function = LossSurfaceSource{(kData / "loss-surface.h5").string(), "train_loss"};
  scene.balls = {BallSpec{}};
  if (with_path) scene.balls.push_back(replay_ball((kData / "trajectory-losscape.h5").string()));
  scene.playback.playing = false;
  return scene;
}

// Pixels of the path's turquoise (scene_renderer.cpp: 0.2, 1, 0.9), which neither viridis nor a
// ball of the palette shows.
int turquoise(const Image& image) {
  int count = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      count += p[1] > 200 && p[2] > 180 && p[0] < 120;
    }
  }
  return count;
}

}  // namespace

TEST(TrainingPathDrawing, TheWholePathLiesOnTheTerrainInItsOwnColourFromTheStart) {
  auto app = InteractiveApp::create_offscreen(Options{}, Presentation(replay_scene(true)), 960, 540);
  ASSERT_TRUE(app) << app.error();
  (*app)->frame();
  (*app)->frame();
  const Image frame = (*app)->offscreen()->read_frame();
  // Six checkpoints across a third of the slice: a line and dots, not buried under the terrain.
  EXPECT_GT(turquoise(frame), 300) << "the path is drawn, in front of the terrain";
  if (const char* picture = std::getenv("LOSSCAPE_PANEL_PICTURE")) {
    EXPECT_TRUE(write_png(picture, frame));
  }
  const Ball& ball = (*app)->simulation().balls().back();
  EXPECT_EQ(ball.label, "training path (projected)");
  EXPECT_EQ(ball.steps, 0u) << "paused: the ball waits on the first checkpoint";
  app->reset();  // one app at a time: each owns the current ImGui context
  auto plain = InteractiveApp::create_offscreen(Options{}, Presentation(replay_scene(false)), 960, 540);
  ASSERT_TRUE(plain) << plain.error();
  (*plain)->frame();
  (*plain)->frame();
  EXPECT_LT(turquoise((*plain)->offscreen()->read_frame()), 20) << "no path, no turquoise";
}

TEST(TrainingPathDrawing, TheBallsSectionSaysTheHeightIsTheSlicesAndGivesTheNetworksOwnLoss) {
  auto built = build_simulation(replay_scene(true), {});
  ASSERT_TRUE(built) << built.error();
  Simulation& simulation = **built;
  const Ball& replay = simulation.balls().back();
  EXPECT_TRUE(training_path_text(simulation.balls().front(), simulation.cost()).empty()) << "a ball that runs a method";
  std::vector<std::string> lines = training_path_text(replay, simulation.cost());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "training path (projected): checkpoint 0 of 5 (model_0.t7)");
  EXPECT_EQ(lines[1],
            "Its height is the slice's loss at the projected point, not the network's loss at that checkpoint.");
  // The slice's bicubic value at (-0.8, 1.7): 1.68878 (test_training_path.cpp's history reads it).
  EXPECT_EQ(lines[2], "slice's loss here: 1.68878");
  EXPECT_EQ(lines[3], "network's loss at checkpoint 0: 2.302 (accuracy 11%)");
  simulation.step_all();
  simulation.step_all();
  lines = training_path_text(replay, simulation.cost());
  EXPECT_EQ(lines[0], "training path (projected): checkpoint 2 of 5 (model_2.t7)");
  EXPECT_EQ(lines[3], "network's loss at checkpoint 2: 0.87 (accuracy 71%)");
  // A file without the network's losses says only what the slice says.
  Scene bare = replay_scene(false);
  bare.balls = {replay_ball((kData / "trajectory-projection.h5").string())};
  auto plain = build_simulation(bare, {});
  ASSERT_TRUE(plain) << plain.error();
  lines = training_path_text((*plain)->balls().front(), (*plain)->cost());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "training path (projected): checkpoint 0 of 5");
}

TEST(TrainingPathDrawing, TheSectionSaysWhereTheSliceDoesNotReachTheCheckpoint) {
  const fs::path csv = fs::temp_directory_path() / ("losscape_off_slice_" + std::to_string(::getpid()) + ".csv");
  // (0, 0) on the slice, (3, 0) beyond its x = 1 edge, (0.5, 1.5) next to its cells not computed.
  std::ofstream(csv) << "x,y\n0,0\n3,0\n0,0\n0.5,1.5\n";
  Scene scene = replay_scene(false);
  scene.balls = {replay_ball(csv.string())};
  auto built = build_simulation(scene, {});
  ASSERT_TRUE(built) << built.error();
  Simulation& simulation = **built;
  const Ball& ball = simulation.balls().front();
  EXPECT_EQ(training_path_text(ball, simulation.cost()).size(), 3u);
  simulation.step_all();
  std::vector<std::string> lines = training_path_text(ball, simulation.cost());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[3], "This checkpoint lies outside the slice's grid: the height is its edge's, not computed here.");
  simulation.step_all();
  simulation.step_all();
  EXPECT_EQ(ball.status, BallStatus::undefined);
  EXPECT_EQ(ball.position, glm::dvec2(0.0, 0.0)) << "stopped on the last point the slice has a value at";
  lines = training_path_text(ball, simulation.cost());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "training path (projected): checkpoint 2 of 3") << "where the ball is, not the refused one";
  EXPECT_EQ(lines[3], "The replay stops: the slice has no value at checkpoint 3 (0.5, 1.5), in a cell not computed.");
  fs::remove(csv);
}
