// The command line's view flags reach the scene's ViewSettings, over a scene file only where
// given (their pictures are the render tests' business; bad values are in test_command_line's
// table).
#include "engine/app/cli/command_line_scene.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace losscape;

namespace {

ViewSettings view_from(std::vector<const char*> arguments) {
  arguments.insert(arguments.begin(), "losscape");
  Options options;
  EXPECT_EQ(parse_options(static_cast<int>(arguments.size()), const_cast<char**>(arguments.data()), options),
            ParseOutcome::run);
  const auto scene = scene_from_options(options);
  EXPECT_EQ(scene.error(), "");
  return scene ? scene->view : ViewSettings{};
}

}  // namespace

TEST(ViewOptions, WithoutFlagsTheViewIsTheDefault) { EXPECT_EQ(view_from({}), ViewSettings{}); }

TEST(ViewOptions, EachFlagSetsItsField) {
  const ViewSettings view = view_from(
      {"--contours", "--wireframe", "--colormap", "terrain", "--colour-by", "slope", "--height-scale", "log"});
  EXPECT_TRUE(view.show_contours);
  EXPECT_TRUE(view.show_wireframe);
  EXPECT_EQ(view.colormap, Colormap::terrain);
  EXPECT_EQ(view.colour_by, ColourBy::slope);
  EXPECT_EQ(view.height, HeightTransform::log1p);
  EXPECT_EQ(view_from({"--height-scale", "linear"}).height, HeightTransform::linear);
  EXPECT_TRUE(view_from({"--floor-map"}).show_floor_map);
  // Colour by basin: the basin map on the terrain, opaque.
  const ViewSettings by_basin = view_from({"--colour-by", "basin"});
  EXPECT_EQ(by_basin.colour_by, ColourBy::basin);
  EXPECT_EQ(basin_map_opacity(by_basin), 1.0f);
  EXPECT_TRUE(colours_by_basin(by_basin));
  EXPECT_FALSE(colours_by_basin(view_from({"--show-basins"}))) << "a translucent overlay is not colouring by basin";
  EXPECT_EQ(view_from({"--theme", "light"}).theme, Theme::light);
  EXPECT_EQ(view_from({"--theme", "dark"}).theme, Theme::dark);
  EXPECT_FALSE(view_from({"--no-colourbar"}).show_colourbar);
  EXPECT_TRUE(view_from({"--colourbar"}).show_colourbar);
  for (const std::string& name : colormap_names()) {
    Colormap colormap;
    ASSERT_TRUE(parse_colormap(name, colormap));
    EXPECT_EQ(view_from({"--colormap", name.c_str()}).colormap, colormap) << name;
  }
}

// Every flag of the view's table (view_fields.hpp) is taken and changes its setting.
TEST(ViewOptions, EveryFlagOfTheViewsTableIsTakenAndSetsItsSetting) {
  for (const ViewField& field : view_fields()) {
    if (!field.flag || (field.on_off && ViewSettings{}.*field.on_off)) continue;  // --colourbar: on already
    const std::string flag = std::string(field.flag).substr(0, std::string(field.flag).find(','));
    const std::string value = field.on_off ? "" : field.names ? field.names().at(1) : "64";
    EXPECT_NE(field.on_off ? view_from({flag.c_str()}) : view_from({flag.c_str(), value.c_str()}), ViewSettings{})
        << flag;
  }
}

TEST(ViewOptions, ResolutionIsAutomaticOrAUniformMeshOfNAside) {
  EXPECT_EQ(view_from({}).terrain_resolution, std::nullopt);
  EXPECT_EQ(view_from({"--resolution", "auto"}).terrain_resolution, std::nullopt);
  EXPECT_EQ(view_from({"--resolution", "384"}).terrain_resolution, 384);
  const ViewSettings at_least = view_from({"--resolution", "auto:257"});
  EXPECT_EQ(at_least.terrain_resolution, std::nullopt);
  EXPECT_EQ(at_least.terrain_min_finest, 257);
  // Over a scene file's fixed resolution, auto means automatic again.
  Scene scene;
  scene.view.terrain_resolution = 64;
  const std::vector<const char*> arguments = {"losscape", "--resolution", "auto"};
  Options options;
  ASSERT_EQ(parse_options(static_cast<int>(arguments.size()), const_cast<char**>(arguments.data()), options),
            ParseOutcome::run);
  ASSERT_EQ(apply_overrides(options, scene).error(), "");
  EXPECT_EQ(scene.view.terrain_resolution, std::nullopt);
}

TEST(ViewOptions, OverASceneFileOnlyTheFlagsGivenChangeTheView) {
  Scene scene;  // as read from a file
  scene.view.show_contours = true;
  scene.view.colormap = Colormap::magma;
  scene.view.height = HeightTransform::linear;
  scene.view.terrain_resolution = 128;
  scene.view.theme = Theme::light;
  scene.view.show_colourbar = false;
  const std::vector<const char*> arguments = {"losscape", "--colour-by", "slope"};
  Options options;
  ASSERT_EQ(parse_options(static_cast<int>(arguments.size()), const_cast<char**>(arguments.data()), options),
            ParseOutcome::run);
  ASSERT_EQ(apply_overrides(options, scene).error(), "");
  EXPECT_TRUE(scene.view.show_contours);
  EXPECT_FALSE(scene.view.show_wireframe);
  EXPECT_EQ(scene.view.colormap, Colormap::magma);
  EXPECT_EQ(scene.view.height, HeightTransform::linear);
  EXPECT_EQ(scene.view.colour_by, ColourBy::slope);
  EXPECT_EQ(scene.view.terrain_resolution, 128);
  EXPECT_EQ(scene.view.theme, Theme::light) << "no --theme: the file's";
  EXPECT_FALSE(scene.view.show_colourbar) << "no --colourbar: the file's";
}

TEST(ViewOptions, TheColourBarFlagsTurnAFilesSettingEitherWay) {
  for (const bool file_shows : {false, true}) {
    for (const char* flag : {"--colourbar", "--no-colourbar"}) {
      Scene scene;
      scene.view.show_colourbar = file_shows;
      const std::vector<const char*> arguments = {"losscape", flag};
      Options options;
      ASSERT_EQ(parse_options(static_cast<int>(arguments.size()), const_cast<char**>(arguments.data()), options),
                ParseOutcome::run);
      ASSERT_EQ(apply_overrides(options, scene).error(), "");
      EXPECT_EQ(scene.view.show_colourbar, std::string(flag) == "--colourbar") << flag << " over " << file_shows;
    }
  }
}
