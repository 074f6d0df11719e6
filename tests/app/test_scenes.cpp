// The gallery and lectures: every file in scenes/ loads, builds and renders a picture that is not
// blank; saving a scene and loading it back gives the same scene; a deck goes forward and back;
// a scene file edited on disk is read again, and a broken edit changes nothing.
#include "engine/app/scene_view.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/scene/presentation.hpp"
#include "engine/scene/scene_factory.hpp"
#include "tests/take_result.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

using namespace losscape;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> gallery_files() {
  std::vector<fs::path> files;
  for (const auto& dir : {fs::path(LOSSCAPE_SOURCE_DIR) / "scenes", fs::path(LOSSCAPE_SOURCE_DIR) / "scenes" / "decks",
                          fs::path(LOSSCAPE_SOURCE_DIR) / "scenes" / "bench"}) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::size_t distinct_colours(const Image& image) {
  std::set<int> seen;
  for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
    seen.insert((image.rgba[i] >> 3) << 10 | (image.rgba[i + 1] >> 3) << 5 | (image.rgba[i + 2] >> 3));
  }
  return seen.size();
}

}  // namespace

TEST(Gallery, HasAtLeastTwelveTitledScenesAndADeck) {
  std::size_t scenes = 0, decks = 0;
  for (const fs::path& file : gallery_files()) {
    Deck deck;
    std::string error;
    ASSERT_TRUE(losscape::testing::take_into(load_deck_or_scene(file.string()), deck, error)) << error;
    const bool is_deck = file.parent_path().filename() == "decks";
    if (file.parent_path().filename() != "bench") (is_deck ? decks : scenes) += 1;
    for (const Scene& scene : deck.scenes)
      EXPECT_FALSE(scene.title.empty()) << file << ": every gallery scene has a title";
  }
  EXPECT_GE(scenes, 12u);
  EXPECT_GE(decks, 1u);
}

TEST(Gallery, EverySceneBuildsAndRendersAPictureThatIsNotBlank) {
  auto context = HeadlessContext::create();
  ASSERT_TRUE(context) << context.error();
  SceneRenderer renderer;
  ASSERT_EQ(renderer.init().error(), "");
  std::string error;
  RenderTarget target;
  for (const fs::path& file : gallery_files()) {
    if (file.parent_path().filename() == "decks") continue;
    Scene scene;
    ASSERT_TRUE(losscape::testing::take_into(load_scene_file(file.string()), scene, error)) << error;
    auto built = build_simulation(scene, {});
    ASSERT_EQ(built.error(), "") << file;
    const std::unique_ptr<Simulation> simulation = std::move(*built);
    for (int frame = 0; frame < 30; ++frame) simulation->advance(1.0 / 60.0);
    RenderOptions options = render_options_for(scene, false);
    options.show_basins = false;  // the overlay has its own tests; a map per scene would be slow
    renderer.set_cost(simulation->cost(), options);
    const auto image =
        render_to_image(renderer, target, *simulation, initial_camera(scene, simulation->cost()), 160, 90, options);
    ASSERT_TRUE(image) << image.error();
    EXPECT_GT(distinct_colours(*image), 60u) << file << ": a blank picture has one or two colours";
  }
}

TEST(Gallery, SavingASceneAndLoadingItBackGivesTheSameScene) {
  for (const fs::path& file : gallery_files()) {
    if (file.parent_path().filename() == "decks") continue;
    Scene scene, again;
    std::string error;
    ASSERT_TRUE(losscape::testing::take_into(load_scene_file(file.string()), scene, error)) << error;
    ASSERT_TRUE(
        losscape::testing::take_into(read_scene(write_scene(scene), file.string(), scene.directory), again, error))
        << error;
    EXPECT_EQ(again, scene) << file;
  }
}

TEST(Decks, TheIntroDeckGoesForwardAndBack) {
  auto opened = Presentation::open((fs::path(LOSSCAPE_SOURCE_DIR) / "scenes" / "decks" / "intro.json").string());
  ASSERT_TRUE(opened) << opened.error();
  Presentation deck = std::move(*opened);
  ASSERT_GE(deck.size(), 12u);
  EXPECT_EQ(deck.index(), 0u);
  const std::string first = deck.scene().title;
  EXPECT_FALSE(deck.previous()) << "nothing before the first";
  ASSERT_TRUE(deck.next());
  EXPECT_EQ(deck.index(), 1u);
  EXPECT_NE(deck.scene().title, first);
  ASSERT_TRUE(deck.previous());
  EXPECT_EQ(deck.scene().title, first);
  ASSERT_TRUE(deck.go_to(deck.size() - 1));
  EXPECT_FALSE(deck.next()) << "nothing after the last";
  EXPECT_EQ(deck.index(), deck.size() - 1);
}

TEST(Decks, AnEditedFileIsReadAgainAndABrokenEditChangesNothing) {
  const fs::path dir = fs::temp_directory_path() / ("losscape_reload_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "scene.json";
  std::ofstream(file) << R"({"title": "one", "function": "bowl"})";
  auto opened = Presentation::open(file.string());
  ASSERT_TRUE(opened) << opened.error();
  Presentation presentation = std::move(*opened);
  auto reloaded = presentation.reload_if_changed();
  ASSERT_TRUE(reloaded);
  EXPECT_FALSE(*reloaded) << "nothing changed yet";

  // Later modification times even on coarse file systems.
  auto touch_later = [&] { fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2)); };
  std::ofstream(file) << R"({"title": "two", "function": "rosenbrock"})";
  touch_later();
  reloaded = presentation.reload_if_changed();
  ASSERT_TRUE(reloaded) << reloaded.error();
  EXPECT_TRUE(*reloaded);
  EXPECT_EQ(presentation.scene().function, FunctionSource{BuiltinSource{"rosenbrock"}});

  std::ofstream(file) << "{\"title\": \"three\", \"function\": \"rosenbrock\",\n \"balls\": [{\"start\": [1]}]}";
  touch_later();
  reloaded = presentation.reload_if_changed();
  EXPECT_FALSE(reloaded);
  EXPECT_EQ(reloaded.error(), file.string() + ":2:22: balls[0].start: expected [x, y], two numbers, got [1]");
  EXPECT_EQ(presentation.scene().title, "two") << "the scene on screen stays";
  reloaded = presentation.reload_if_changed();
  ASSERT_TRUE(reloaded);
  EXPECT_FALSE(*reloaded) << "a broken save is reported once, not every frame";
  fs::remove_all(dir);
}
