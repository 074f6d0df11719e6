// The Analysis section's stability map in the window's app, on an offscreen surface: a scene that
// asks for one (render.stability) opens the section, computes it in the background and shows it.
#include "engine/app/window/interactive_app.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace losscape;
namespace fs = std::filesystem;

namespace {

// Pixels of exactly this colour in the left `width` columns (the panel).
int count_in_panel(const Image& image, int width, glm::u8vec3 colour) {
  int n = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < std::min(width, image.width); ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      n += p[0] == colour.r && p[1] == colour.g && p[2] == colour.b;
    }
  }
  return n;
}

}  // namespace

TEST(StabilityPanel, ASceneAskingForAMapOpensTheSectionAndShowsItOnceComputed) {
  const fs::path file = fs::path(LOSSCAPE_SOURCE_DIR) / "scenes" / "21-momentum-stability-map.json";
  auto opened = Presentation::open(file.string());
  ASSERT_TRUE(opened) << opened.error();
  EXPECT_EQ(opened->scene().view.stability_axes, "lr=0.001:0.3,momentum=0:0.99");
  // A window of a laptop's height: the section is low in the panel, which scrolls to the map once it is computed.
  auto created = InteractiveApp::create_offscreen(Options{}, std::move(*opened), 1280, 800);
  ASSERT_TRUE(created) << created.error();
  const auto app = std::move(*created);
  const glm::u8vec3 diverged{196, 48, 43};  // the map's red (stability_output.cpp)
  // Up to two minutes: under the sanitizers the map computes ten times slower than in Release.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  int red = 0;
  for (int frame = 0; red == 0 && std::chrono::steady_clock::now() < give_up; ++frame) {
    app->frame();
    if (frame % 20 == 19) red = count_in_panel(app->offscreen()->read_frame(), 420, diverged);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // the map computes on its thread
  }
  EXPECT_GT(red, 200) << "the map's diverged cells, in the panel";
}
