#pragma once
// Pictures made as --screenshot and F12 make them (PictureMaker: tiles, the overlay), of a scene
// simulated for two seconds, on a headless context of the test's own.
#include "engine/app/capture/picture.hpp"
#include "engine/app/scene_view.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/scene/files/scene_file.hpp"
#include "engine/scene/scene_factory.hpp"
#include "tests/take_result.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

namespace losscape {

inline Scene gallery_scene(const char* file) {
  Scene scene;
  std::string error;
  EXPECT_TRUE(losscape::testing::take_into(
      load_scene_file((std::filesystem::path(LOSSCAPE_SOURCE_DIR) / "scenes" / file).string()), scene, error))
      << error;
  return scene;
}

struct PictureFixture {
  std::unique_ptr<HeadlessContext> context;
  SceneRenderer renderer;
  std::unique_ptr<Simulation> simulation;
  Scene scene;
  explicit PictureFixture(Scene shown = gallery_scene("02-learning-rates.json")) : scene(std::move(shown)) {
    auto created = HeadlessContext::create();
    EXPECT_TRUE(created) << created.error();
    if (created) context = std::move(*created);
    auto built = build_simulation(scene, {});
    EXPECT_EQ(built.error(), "");
    if (built) simulation = std::move(*built);
    for (int i = 0; i < 120; ++i) simulation->advance(1.0 / 60.0);
    EXPECT_EQ(renderer.init().error(), "");
    renderer.set_cost(simulation->cost(), render_options_for(scene, false));
  }
  Image picture(const PictureSettings& settings) {
    return picture(settings, initial_camera(scene, simulation->cost()));
  }
  Image picture(const PictureSettings& settings, const OrbitCamera& camera) {
    PictureMaker maker;
    auto image = maker.make(renderer, *simulation, scene, camera, render_options_for(scene, false), settings);
    EXPECT_TRUE(image) << image.error();
    return image ? std::move(*image) : Image{};
  }
};

}  // namespace losscape
