// Pictures (--screenshot, F12, recorded frames): a picture drawn in tiles is the picture drawn
// whole; sizes up to 8K; transparent backgrounds; with or without the panel; file names that
// never overwrite.
#include "tests/app/picture_fixture.hpp"

#include "engine/app/capture/screenshot_names.hpp"
#include "engine/app/window/interactive_app.hpp"
#include "engine/platform/gl_context.hpp"
#include "tests/app/image_files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

using namespace losscape;
namespace fs = std::filesystem;

TEST(Pictures, APictureDrawnInTilesIsThePictureDrawnWhole) {
  PictureFixture f;
  PictureSettings settings;
  settings.width = 640;
  settings.height = 360;
  const Image whole = f.picture(settings);
  settings.max_tile =
      150;  // 5 x 3 tiles, cut through the terrain, the balls, the title, the legend, the colour bar and the axes
  const Image tiled = f.picture(settings);
  ASSERT_EQ(tiled.rgba.size(), whole.rgba.size());
  std::size_t differing = 0;
  double total = 0.0;
  for (std::size_t i = 0; i < whole.rgba.size(); ++i) {
    const int d = std::abs(static_cast<int>(whole.rgba[i]) - static_cast<int>(tiled.rgba[i]));
    total += d;
    differing += d > 8;
  }
  EXPECT_LT(total / static_cast<double>(whole.rgba.size()), 0.05) << "mean difference per channel";
  EXPECT_LT(differing, whole.rgba.size() / 2000) << "channels off by more than 8 (a seam would be thousands)";
}

// Beyond 100,000 members a swarm is drawn as points (swarm_point.glsl), and OpenGL drops a point
// whose centre is outside the viewport: a pile at rest in a minimum, a point several pixels wide,
// would lose its part across a tile's edge. draw_swarm_points draws them with a margin around the
// viewport, so a tiled picture of a settled swarm is the whole one too.
TEST(Pictures, ABigSwarmDrawnInTilesIsTheSwarmDrawnWhole) {
  Scene settled;
  std::string error;
  ASSERT_TRUE(losscape::testing::take_into(read_scene(R"({"function": "himmelblau", "balls": [{"start": [-4, 4]}],
                     "swarm": {"count": 200000, "layout": "random", "seed": 1,
                               "optimizer": {"name": "gd", "lr": 0.01}}})",
                                                      "settled swarm", "."),
                                           settled, error))
      << error;
  PictureFixture f(settled);
  f.simulation->run_steps(1000);
  ASSERT_EQ(f.simulation->swarm_counts().running, 0u) << "every member at rest in a minimum";
  PictureSettings settings;
  settings.width = 640;
  settings.height = 360;
  settings.overlay = false;
  // Close to the minimum at (3, 2), so that its pile is many pixels wide; tiles cut through it.
  OrbitCamera camera = initial_camera(f.scene, f.simulation->cost());
  camera.target = {0.6f, 0.0f, -0.4f};
  camera.distance = 0.25f;
  const Image whole = f.picture(settings, camera);
  settings.max_tile = 64;
  const Image tiled = f.picture(settings, camera);
  ASSERT_EQ(tiled.rgba.size(), whole.rgba.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < whole.rgba.size(); ++i) {
    differing += std::abs(static_cast<int>(whole.rgba[i]) - static_cast<int>(tiled.rgba[i])) > 8;
  }
  EXPECT_LT(differing, whole.rgba.size() / 20000) << "channels off by more than 8";
}

TEST(Pictures, TilesAreOfOneSizeAndCoverThePictureOnce) {
  const std::vector<PictureTile> four_k = picture_tiles(3840, 2160, 2048);
  ASSERT_EQ(four_k.size(), 4u);
  for (const PictureTile& tile : four_k) EXPECT_EQ(std::pair(tile.width, tile.height), std::pair(1920, 1080));
  EXPECT_EQ(picture_tiles(1920, 1080, 2048).size(), 1u);
  // Uneven: the far edges a pixel short, every pixel in exactly one tile.
  const int width = 5000, height = 2100;
  std::vector<int> covered(static_cast<std::size_t>(width) * height, 0);
  for (const PictureTile& tile : picture_tiles(width, height, 2048)) {
    EXPECT_LE(tile.width, 2048);
    EXPECT_GE(tile.width, 1666);
    EXPECT_GE(tile.height, 1050);
    for (int y = tile.y; y < tile.y + tile.height; ++y) {
      for (int x = tile.x; x < tile.x + tile.width; ++x) ++covered[static_cast<std::size_t>(y) * width + x];
    }
  }
  EXPECT_EQ(std::count(covered.begin(), covered.end(), 1), static_cast<std::ptrdiff_t>(covered.size()));
}

TEST(Pictures, ATransparentBackgroundIsTransparentWhereThereIsNoTerrain) {
  PictureFixture f;
  PictureSettings settings;
  settings.width = 480;
  settings.height = 270;
  settings.transparent = true;
  settings.overlay = false;
  const Image image = f.picture(settings);
  EXPECT_EQ(image.pixel(2, image.height - 3)[3], 0) << "the bottom left corner is sky: transparent";
  EXPECT_EQ(image.pixel(image.width / 2, image.height / 2)[3], 255) << "the terrain is opaque";
}

TEST(Pictures, AScreenshotWithoutThePanelHasNoPanelPixels) {
  Presentation presentation;
  auto created = InteractiveApp::create_offscreen(Options{}, std::move(presentation), 960, 540);
  ASSERT_TRUE(created) << created.error();
  const auto app = std::move(*created);
  const fs::path dir = fs::temp_directory_path() / ("losscape_shots_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path before = fs::current_path();
  fs::current_path(dir);
  app->frame();
  app->frame();
  const std::string with_panel = app->screenshot_now(0, true, false);
  const std::string without = app->screenshot_now(0, false, false);
  const std::string large = app->screenshot_now(3, false, false);  // kPictureSizes[3]: 4K
  app->wait_for_files();
  fs::current_path(before);
  EXPECT_NE(with_panel, without) << "never overwriting";
  auto panel_share = [&](const std::string& name, int& width, int& height) {
    const std::optional<Image> image = read_png_image(dir / name);
    EXPECT_TRUE(image) << name;
    if (!image) return 0.0;
    width = image->width;
    height = image->height;
    int dark = 0, all = 0;
    for (int y = 80; y < 400; ++y) {
      for (int x = 30; x < 300; ++x, ++all) {
        const std::uint8_t* q = image->pixel(x, y);
        dark += q[0] < 40 && q[1] < 40 && q[2] < 45;
      }
    }
    return static_cast<double>(dark) / all;
  };
  int w = 0, h = 0;
  EXPECT_GT(panel_share(with_panel, w, h), 0.5);
  EXPECT_LT(panel_share(without, w, h), 0.05) << "the panel's area shows the scene";
  EXPECT_EQ(w, 960);
  panel_share(large, w, h);
  EXPECT_EQ(w, 3840);
  EXPECT_EQ(h, 2160);
  fs::remove_all(dir);
}

TEST(Pictures, NamesFollowTheTemplateAndNeverOverwrite) {
  const fs::path dir = fs::temp_directory_path() / ("losscape_names_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string first = output_path((dir / "shot-{scene}-{n}").string(), "bowl", ".png");
  EXPECT_EQ(first, (dir / "shot-bowl-0001.png").string());
  std::ofstream(first) << "x";
  EXPECT_EQ(output_path((dir / "shot-{scene}-{n}").string(), "bowl", ".png"), (dir / "shot-bowl-0002.png").string());
  std::ofstream((dir / "plain.png").string()) << "x";
  EXPECT_EQ(output_path((dir / "plain").string(), "bowl", ".png"), (dir / "plain-2.png").string());
  // A name handed out is taken even before its file exists (pictures are written in the background:
  // two screenshots in one second had the same name, and the second overwrote the first).
  EXPECT_EQ(output_path((dir / "pending").string(), "bowl", ".png"), (dir / "pending.png").string());
  EXPECT_EQ(output_path((dir / "pending").string(), "bowl", ".png"), (dir / "pending-2.png").string());
  EXPECT_EQ(slug("Rosenbrock's valley: GD vs Adam"), "rosenbrocks-valley-gd-vs-adam");
  fs::remove_all(dir);
}
