// What the overlay adds to pictures for reading values off them: the colour bar (the terrain's
// own colour map, bottom to top, with its tick marks where the mapping puts nice values, log
// scale included) and the axes' values (with the grid, gone without it, from the usual view and
// from straight above), in both themes' ink.
#include "tests/app/picture_fixture.hpp"

#include "engine/render/colormap_strips.hpp"
#include "engine/render/png_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <optional>

using namespace losscape;

namespace {

void save_for_inspection(const Image& image, const std::string& name) {
  if (const char* dir = std::getenv("LOSSCAPE_TEST_OUTPUT"))
    static_cast<void>(write_png(std::string(dir) + "/" + name, image));
}

// A 960 x 540 picture of the fixture's scene, from `camera` (else the scene's view), saved for
// inspection as `name` when LOSSCAPE_TEST_OUTPUT names a folder.
Image picture(PictureFixture& f, const std::string& name, std::optional<OrbitCamera> camera = std::nullopt) {
  PictureSettings settings;
  settings.width = 960;
  settings.height = 540;
  const Image image = camera ? f.picture(settings, *camera) : f.picture(settings);
  save_for_inspection(image, name);
  return image;
}

Scene plain_scene(const char* function) {
  Scene scene;
  // No title, no annotations: what the overlay adds is the colour bar and axes.
  scene.function = parse_function_source(function);
  return scene;
}

float luminance(const std::uint8_t* p) { return 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2]; }

int distance(const std::uint8_t* p, glm::u8vec4 c) {
  return std::max({std::abs(p[0] - c.r), std::abs(p[1] - c.g), std::abs(p[2] - c.b)});
}

// The colour bar found in a picture: the column in the right quarter with the most pixels of
// the strip's colours, and the rows from its top (t = 1) to its bottom (t = 0).
struct FoundBar {
  int column = -1, top = 0, bottom = 0;
};

FoundBar find_bar(const Image& image, const std::vector<glm::u8vec4>& strip) {
  FoundBar best;
  int best_count = 0;
  for (int x = image.width * 3 / 4; x < image.width; ++x) {
    int count = 0, top = image.height, bottom = 0;
    for (int y = 0; y < image.height; ++y) {
      const std::uint8_t* p = image.pixel(x, y);
      const bool on_strip = std::any_of(strip.begin(), strip.end(), [&](glm::u8vec4 c) { return distance(p, c) <= 3; });
      if (!on_strip) continue;
      ++count;
      top = std::min(top, y);
      bottom = std::max(bottom, y);
    }
    if (count > best_count) best_count = count, best = {x, top, bottom};
  }
  return best;
}

// Whether the bar's column shows the strip from its bottom (t = 0) to its top (t = 1): at each
// row the colour of the strip at that height, within a step of 8 bits (texels are blended).
int rows_off_the_strip(const Image& image, const FoundBar& bar, const std::vector<glm::u8vec4>& strip) {
  int off = 0;
  const int n = static_cast<int>(strip.size());
  for (int y = bar.top + 2; y <= bar.bottom - 2; ++y) {
    const double t = static_cast<double>(bar.bottom - y) / (bar.bottom - bar.top);
    const int texel = std::clamp(static_cast<int>(std::lround(t * (n - 1))), 0, n - 1);
    int nearest = 255;
    for (int k = std::max(texel - 2, 0); k <= std::min(texel + 2, n - 1); ++k)
      nearest = std::min(nearest, distance(image.pixel(bar.column, y), strip[static_cast<std::size_t>(k)]));
    off += nearest > 4;
  }
  return off;
}

// A pixel of the theme's ink for text: near white, or near black, and grey (not the terrain's
// dark purples), anti-aliased edges included.
bool ink(const std::uint8_t* p, Theme theme) {
  const glm::u8vec4 colour = theme == Theme::dark ? glm::u8vec4(245, 245, 240, 255) : glm::u8vec4(18, 20, 26, 255);
  return distance(p, colour) <= 60 && std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) <= 20;
}

int ink_pixels(const Image& image, Theme theme, int x0, int x1, int y0 = 0) {
  int n = 0;
  for (int y = y0; y < image.height; ++y) {
    for (int x = x0; x < x1; ++x) n += ink(image.pixel(x, y), theme);
  }
  return n;
}

}  // namespace

TEST(ColourBar, ShowsTheTerrainsColourMapBottomToTopAndFollowsTheMap) {
  for (const Colormap colormap : {Colormap::viridis, Colormap::magma}) {
    Scene scene = plain_scene("himmelblau");
    scene.view.colormap = colormap;
    scene.view.show_bounds = false;
    PictureFixture f(scene);
    const Image image = picture(f, std::string("colour_bar_") + to_string(colormap) + ".png");
    ColormapStrips strips;
    const std::vector<glm::u8vec4> strip = strips.read(colormap);
    const FoundBar bar = find_bar(image, strip);
    ASSERT_GE(bar.column, 0) << to_string(colormap);
    EXPECT_GT(bar.bottom - bar.top, image.height / 4) << "a bar, not a few stray pixels";
    EXPECT_LE(rows_off_the_strip(image, bar, strip), 3)
        << to_string(colormap) << ": the strip's colours, t = 0 at the bottom";
    // The other map's strip does not fit it: the bar follows the view's map.
    const std::vector<glm::u8vec4> other =
        strips.read(colormap == Colormap::viridis ? Colormap::magma : Colormap::viridis);
    EXPECT_GT(rows_off_the_strip(image, bar, other), (bar.bottom - bar.top) / 2) << to_string(colormap);

    f.scene.view.show_colourbar = false;
    const Image without = picture(f, "no_colour_bar.png");
    EXPECT_GT(rows_off_the_strip(without, bar, strip), (bar.bottom - bar.top) / 2) << "switched off: gone";
  }
}

TEST(ColourBar, OnALogHeightScaleItsMarksSitAtTheLogOfNiceValues) {
  // Rosenbrock is drawn as log(1 + f - f_min): the marks beside the bar are where 0, 1, 2, 5, 10,
  // 20, ... fall on that scale, not evenly spaced.
  Scene scene = plain_scene("rosenbrock");
  scene.view.show_bounds = false;
  PictureFixture f(scene);
  const Image image = picture(f, "colour_bar_log.png");
  ColormapStrips strips;
  const FoundBar bar = find_bar(image, strips.read(Colormap::viridis));
  ASSERT_GE(bar.column, 0);
  ASSERT_GT(bar.bottom - bar.top, 100);
  // The marks cross the bar's right edge: rows of ink just right of the last column of colours.
  int right = bar.column;
  const std::vector<glm::u8vec4> strip = strips.read(Colormap::viridis);
  const int middle = (bar.top + bar.bottom) / 2;
  while (std::any_of(strip.begin(), strip.end(),
                     [&](glm::u8vec4 c) { return distance(image.pixel(right + 1, middle), c) <= 4; })) {
    ++right;
  }
  std::vector<int> marks;
  for (int y = bar.top - 2; y <= bar.bottom + 2; ++y) {
    // Against the colour bar's dark backdrop, any light pixel is a mark (a line a pixel wide
    // between two rows is half-bright in both).
    if (luminance(image.pixel(right + 3, y)) > 90.0f && (marks.empty() || y > marks.back() + 1)) marks.push_back(y);
  }
  ASSERT_GE(marks.size(), 5u) << "tick marks beside the bar";
  const ValueScale scale = f.renderer.mapping().value_scale(ColourBy::height);
  ASSERT_FALSE(scale.linear);
  const double length = bar.bottom - bar.top;
  for (const int row : marks) {
    const double at = (bar.bottom - row) / length;
    double nearest = 1.0;
    for (double power = 1e-3; power <= 1e5; power *= 10.0) {
      for (const double v : {0.0, power, 2.0 * power, 5.0 * power})
        nearest = std::min(nearest, std::abs(scale.position(v) - at));
    }
    EXPECT_LT(nearest * length, 2.5) << "a mark at row " << row << " is where no 1-2-5 value falls";
  }
  // And every 1-2-5 value is not evenly spaced: on a linear scale the gaps would all be equal.
  int narrowest = 1 << 20, widest = 0;
  for (std::size_t i = 1; i < marks.size(); ++i) {
    narrowest = std::min(narrowest, marks[i] - marks[i - 1]);
    widest = std::max(widest, marks[i] - marks[i - 1]);
  }
  EXPECT_GT(widest, narrowest + 4) << "log marks are not evenly spaced";
}

TEST(AxisLabels, AppearWithTheGridInTheThemesInkAndVanishWithoutIt) {
  for (const Theme theme : {Theme::dark, Theme::light}) {
    Scene scene = plain_scene("himmelblau");
    scene.view.show_colourbar = false;
    scene.view.show_markers = false;
    scene.view.theme = theme;
    PictureFixture f(scene);
    const Image with = picture(f, std::string("axes_") + to_string(theme) + ".png");
    f.scene.view.show_bounds = false;
    const Image without = picture(f, std::string("no_axes_") + to_string(theme) + ".png");
    const int labelled = ink_pixels(with, theme, 0, with.width), bare = ink_pixels(without, theme, 0, with.width);
    EXPECT_GT(labelled, 300) << to_string(theme) << ": some twenty values and three names";
    EXPECT_LT(bare, labelled / 10) << to_string(theme) << ": no labels without the grid";
  }
}

TEST(AxisLabels, FromStraightAboveTheFloorsValuesStayOutsideTheTerrain) {
  Scene scene = plain_scene("himmelblau");
  scene.view.show_colourbar = false;
  scene.view.show_markers = false;
  PictureFixture f(scene);
  OrbitCamera above;
  ASSERT_TRUE(named_view("top", f.simulation->cost(), above));
  const Image image = picture(f, "axes_from_above.png", above);
  // The terrain fills a square in the middle; the values lie left of it and under it.
  int left = image.width, right = 0, top = image.height, bottom = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      if (p[2] > p[0] + 40 || p[1] > p[0] + 60) {  // viridis's blues and greens, not the grey sky
        left = std::min(left, x), right = std::max(right, x), top = std::min(top, y), bottom = std::max(bottom, y);
      }
    }
  }
  ASSERT_LT(left, right);
  EXPECT_GT(ink_pixels(image, Theme::dark, 0, left), 80) << "y's values, left of the terrain";
  EXPECT_GT(ink_pixels(image, Theme::dark, left, right + 1, bottom + 1), 80) << "x's values, under the terrain";
}
