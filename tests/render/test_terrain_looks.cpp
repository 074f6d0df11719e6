// What the View settings do to the terrain's picture: colour maps, colour by slope, contour
// lines, the wireframe and the height override. Real rendering (llvmpipe in CI); each check
// measures the picture, so a look that stops drawing fails.
#include "tests/render/render_fixture.hpp"

#include "engine/render/png_writer.hpp"
#include "engine/render/terrain/terrain_lines.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

using namespace losscape;

namespace {

void save_for_inspection(const Image& image, const std::string& name) {
  if (const char* dir = std::getenv("LOSSCAPE_TEST_OUTPUT"))
    static_cast<void>(write_png(std::string(dir) + "/" + name, image));
}

double mean_difference(const Image& a, const Image& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.rgba.size(); ++i) sum += std::abs(a.rgba[i] - b.rgba[i]);
  return sum / static_cast<double>(a.rgba.size());
}

// Runs of pixels along row `y` where `with` differs from `without` by more than `threshold` in
// luminance: the lines one picture has and the other has not. Only where `inside[x]`. Returns
// their widths.
std::vector<int> line_runs(const Image& with, const Image& without, int y, float threshold,
                           const std::vector<bool>& inside) {
  std::vector<int> runs;
  int run = 0;
  for (int x = 0; x < with.width; ++x) {
    if (inside[static_cast<std::size_t>(x)] &&
        std::abs(luminance(with.pixel(x, y)) - luminance(without.pixel(x, y))) > threshold) {
      ++run;
    } else if (run > 0) {
      runs.push_back(run);
      run = 0;
    }
  }
  if (run > 0) runs.push_back(run);
  return runs;
}

class TerrainLooks : public HeadlessRender {
 protected:
  void SetUp() override {
    ASSERT_EQ(renderer_.init().error(), "");
    // The terrain alone, straight from above (x to the right, y up), as in a contour plot.
    options_.show_markers = false;
    options_.show_trails = false;
    options_.show_bounds = false;
    camera_.yaw_degrees = 0.0f;
    camera_.pitch_degrees = 89.5f;
    camera_.distance = 3.5f;
    camera_.target = glm::vec3(0.0f);
  }
  void use_function(const char* name) {
    simulation_ = std::make_unique<Simulation>(make_builtin_function(name));
    renderer_.set_cost(simulation_->cost(), options_);
  }
  // The point of the domain that pixel (x, y) shows, if it shows the terrain.
  std::optional<glm::dvec2> domain_point(int x, int y, int width, int height) const {
    const Ray ray =
        camera_.ray_through_pixel(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f, width, height);
    return pick_terrain(ray, renderer_.mapping(), simulation_->cost());
  }
  // Along row y: which pixels show the terrain at least 2 px from its edge, and how many
  // contour levels are crossed between neighbouring ones (where the lines should be).
  struct Row {
    std::vector<bool> inside;
    int levels_crossed = 0;
  };
  Row row(int y, int width, int height) const {
    const ContourLevels levels = contour_levels(renderer_.mapping());
    std::vector<std::optional<int>> below(static_cast<std::size_t>(width));  // levels below each pixel
    for (int x = 0; x < width; ++x) {
      if (const auto p = domain_point(x, y, width, height)) {
        const double h = renderer_.mapping().normalized_height(simulation_->cost().value(*p));
        below[static_cast<std::size_t>(x)] =
            std::clamp(static_cast<int>(std::floor((h - levels.first) / levels.spacing)) + 1, 0, levels.count);
      }
    }
    Row out{std::vector<bool>(static_cast<std::size_t>(width)), 0};
    for (std::size_t x = 2; x + 2 < below.size(); ++x) {
      out.inside[x] = below[x - 2] && below[x - 1] && below[x] && below[x + 1] && below[x + 2];
      if (below[x - 1] && below[x]) out.levels_crossed += std::abs(*below[x] - *below[x - 1]);
    }
    return out;
  }
};

}  // namespace

// One test a colour map (each compiles its own program, a few hundred ms on llvmpipe): it paints
// another picture than the default viridis, opaque, from dark low ground to bright high ground.
class TerrainColourMap : public TerrainLooks, public ::testing::WithParamInterface<const char*> {};

TEST_P(TerrainColourMap, PaintsItsOwnOpaquePicture) {
  use_function("himmelblau");
  const Image viridis = render_current(160, 120);
  ASSERT_TRUE(parse_colormap(GetParam(), options_.colormap));
  const Image image = render_current(160, 120);
  save_for_inspection(image, std::string("colormap_") + GetParam() + ".png");
  EXPECT_GT(mean_difference(image, viridis), 6.0) << "looks like viridis";
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) ASSERT_EQ(image.rgba[i], 255);
  float lo = 255.0f, hi = 0.0f;  // over the middle of the terrain, seen from above
  for (int y = 30; y < 90; ++y) {
    for (int x = 50; x < 110; ++x)
      lo = std::min(lo, luminance(image.pixel(x, y))), hi = std::max(hi, luminance(image.pixel(x, y)));
  }
  EXPECT_GT(hi - lo, 45.0f) << "a broken map is one flat colour";
}

INSTANTIATE_TEST_SUITE_P(EveryOtherThanViridis, TerrainColourMap,
                         ::testing::Values("magma", "cividis", "turbo", "terrain"),
                         [](const ::testing::TestParamInfo<const char*>& param_info) {
                           return std::string(param_info.param);
                         });

TEST(TerrainColourMaps, AreTheOnesTheTestsCover) {
  EXPECT_EQ(colormap_names(), (std::vector<std::string>{"viridis", "magma", "cividis", "turbo", "terrain"}));
}

// Lines of a pixel or two, one for each level crossed, on linear heights and on log ones (the
// bowl drawn on the log scale by the override), with no multisampling (the window on a software
// renderer): the screen-space smoothing alone. (Rosenbrock's walls are steep enough from above
// that its lines crowd and fade there, as they should: it is looked at, not counted.)
TEST_F(TerrainLooks, ContoursAreThinLinesWhereverALevelIsCrossed) {
  options_.msaa_samples = 0;
  const int w = 400, h = 300;
  for (const char* function : {"bowl", "himmelblau", "bowl on a log scale"}) {
    if (std::string(function) == "bowl on a log scale") options_.height = HeightTransform::log1p;
    use_function(std::string(function).substr(0, std::string(function).find(' ')).c_str());
    options_.show_contours = false;
    const Image without = render_current(w, h);
    options_.show_contours = true;
    const Image with = render_current(w, h);
    save_for_inspection(with, "contours_" + std::string(function) + ".png");
    for (int y : {h / 2, h / 3}) {
      const Row expected = row(y, w, h);
      std::vector<int> runs = line_runs(with, without, y, 25.0f, expected.inside);
      EXPECT_GE(expected.levels_crossed, 8) << function << ", row " << y;
      EXPECT_NEAR(static_cast<int>(runs.size()), expected.levels_crossed, 2) << function << ", row " << y;
      // Thin: a run is wider only where the row grazes a line along its length.
      ASSERT_FALSE(runs.empty()) << function << ", row " << y;
      std::sort(runs.begin(), runs.end());
      EXPECT_LE(runs[runs.size() / 2], 2) << function << ", row " << y << ": the median line is wider than 2 px";
      // Without contours the shading along the row is smooth: no sharp steps at all.
      int steps = 0;
      for (int x = 1; x < w; ++x) {
        steps += expected.inside[static_cast<std::size_t>(x)] &&
                 std::abs(luminance(without.pixel(x, y)) - luminance(without.pixel(x - 1, y))) > 25.0f;
      }
      EXPECT_EQ(steps, 0) << function << ", row " << y;
    }
  }
}

// Shimmer: as the camera turns a little, lines packed closer than a pixel or two flicker in and
// out. Seen low over the terrain, where far contours crowd, the change the contours add from
// one frame to the next stays small because crowded lines fade out (measured: 0.03 of a channel
// value per pixel a frame with the fade, 0.12 without it).
TEST_F(TerrainLooks, ContoursDoNotShimmerAsTheCameraTurns) {
  options_.msaa_samples = 0;  // the window on a software renderer
  use_function("himmelblau");
  camera_ = OrbitCamera{};
  camera_.pitch_degrees = 12.0f;
  const int w = 320, h = 240;
  double change_with = 0.0, change_without = 0.0;
  Image previous_with, previous_without;
  for (int frame = 0; frame < 4; ++frame) {
    camera_.yaw_degrees = -40.0f + 0.15f * static_cast<float>(frame);
    options_.show_contours = false;
    Image without = render_current(w, h);
    options_.show_contours = true;
    Image with = render_current(w, h);
    if (frame > 0) {
      change_with += mean_difference(with, previous_with);
      change_without += mean_difference(without, previous_without);
    }
    previous_with = std::move(with);
    previous_without = std::move(without);
  }
  const double added_by_contours = (change_with - change_without) / 3.0;
  EXPECT_GT(added_by_contours, 0.0) << "the lines move with the terrain";
  EXPECT_LT(added_by_contours, 0.06) << "mean change of a channel value per pixel and frame";
}

TEST_F(TerrainLooks, TheWireframeDraws64CellsOfTheFinestGrid) {
  const int w = 640, h = 480;
  use_function("bowl");
  const Image without = render_current(w, h);
  options_.show_wireframe = true;
  const Image with = render_current(w, h);
  save_for_inspection(with, "wireframe.png");
  // Along a row near the middle: the 65 lines across x (64 cells: every second vertex of the
  // bowl's 129 a side, both edges). Not the middle row itself, which runs along the line at
  // y = 0.
  ASSERT_EQ(renderer_.terrain_stats().size, 129);
  std::vector<bool> everywhere(static_cast<std::size_t>(w), true);
  const std::vector<int> runs = line_runs(with, without, h / 2 + 3, 12.0f, everywhere);
  EXPECT_NEAR(static_cast<int>(runs.size()), 65, 3);
  for (int width : runs) EXPECT_LE(width, 3);
  // Thin and see-through: most of the terrain keeps its colour.
  int changed = 0;
  for (std::size_t i = 0; i < with.rgba.size(); i += 4)
    changed += std::abs(luminance(&with.rgba[i]) - luminance(&without.rgba[i])) > 12.0f;
  EXPECT_GT(changed, w * h / 20);
  EXPECT_LT(changed, w * h / 2);
}

// On the saddle x^2 - y^2 the flattest ground (the centre) and the steepest (the corners) are at
// the same height: coloured by height they look alike, by slope the corners are the brighter.
// The two pictures share their geometry and so their lighting: their difference is the colour's.
TEST_F(TerrainLooks, ColourBySlopeIsBrightestWhereTheFunctionIsSteepest) {
  const int w = 240, h = 180;
  use_function("saddle");
  const Image by_height = render_current(w, h);
  options_.colour_by = ColourBy::slope;
  const Image by_slope = render_current(w, h);
  save_for_inspection(by_slope, "colour_by_slope.png");
  EXPECT_GT(mean_difference(by_height, by_slope), 5.0);
  struct Sample {
    double slope;
    float brighter_by_slope;  // luminance by slope - by height
  };
  std::vector<Sample> samples;
  for (int y = 0; y < h; y += 3) {
    for (int x = 0; x < w; x += 3) {
      if (auto p = domain_point(x, y, w, h)) {
        samples.push_back({glm::length(simulation_->cost().gradient(*p)),
                           luminance(by_slope.pixel(x, y)) - luminance(by_height.pixel(x, y))});
      }
    }
  }
  ASSERT_GT(samples.size(), 1000u);
  std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.slope < b.slope; });
  const std::size_t tenth = samples.size() / 10;
  auto mean_from = [&](std::size_t from) {
    double sum = 0.0;
    for (std::size_t i = from; i < from + tenth; ++i) sum += samples[i].brighter_by_slope;
    return sum / static_cast<double>(tenth);
  };
  EXPECT_GT(mean_from(samples.size() - tenth), 20.0) << "the steepest tenth";
  EXPECT_LT(mean_from(0), -20.0) << "the flattest tenth";
}

// Rosenbrock is drawn on a log scale of its own; the view's override redraws it linearly (the
// renderer rebuilds the mesh when it sees the change) and back.
TEST_F(TerrainLooks, TheHeightOverrideRedrawsALogFunctionLinearly) {
  camera_.pitch_degrees = 25.0f;  // from the side, where heights show
  use_function("rosenbrock");
  const Image own = render_current(240, 180);
  options_.height = HeightTransform::log1p;
  const Image log = render_current(240, 180);
  options_.height = HeightTransform::linear;
  const Image linear = render_current(240, 180);
  EXPECT_EQ(renderer_.mapping().transform(), HeightTransform::linear);
  options_.height = std::nullopt;
  const Image back = render_current(240, 180);
  save_for_inspection(linear, "rosenbrock_linear.png");
  EXPECT_EQ(mean_difference(own, log), 0.0) << "its own transform is log1p";
  EXPECT_GT(mean_difference(own, linear), 10.0);
  EXPECT_EQ(mean_difference(own, back), 0.0);
  EXPECT_EQ(renderer_.mapping().transform(), HeightTransform::log1p);
}

// The floor's contour map lies under the terrain: seen from the side it fills the space below the
// surface with the terrain's colours and lines, seen from straight above it is hidden entirely.
TEST_F(TerrainLooks, TheFloorMapLiesUnderTheTerrainAndShowsFromTheSide) {
  const int w = 320, h = 240;
  use_function("himmelblau");
  const Image above_without = render_current(w, h);
  options_.show_floor_map = true;
  const Image above_with = render_current(w, h);
  // (Nearly: at 89.5 degrees, a pixel or two of the map may peek out past an edge.)
  EXPECT_LT(mean_difference(above_with, above_without), 0.01) << "from above, the map is under the terrain";

  camera_.pitch_degrees = 20.0f;
  camera_.distance = 4.5f;
  const Image side_with = render_current(w, h);
  options_.show_floor_map = false;
  const Image side_without = render_current(w, h);
  save_for_inspection(side_with, "floor_map.png");
  int changed_below = 0, changed_above = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const bool changed = std::abs(luminance(side_with.pixel(x, y)) - luminance(side_without.pixel(x, y))) > 8.0f;
      (y > h / 2 ? changed_below : changed_above) += changed ? 1 : 0;
    }
  }
  EXPECT_GT(changed_below, w * h / 20) << "the map shows under the terrain";
  EXPECT_EQ(changed_above, 0) << "and nowhere above it";
}
