// The light and dark themes in the 3D picture: the sky (and with it the whole background) and
// the floor grid and box lines, which must stand out from their sky: light on dark, dark on light.
#include "tests/render/render_fixture.hpp"

using namespace losscape;

namespace {

// Mean luminance of the top rows: sky only, in the default view.
float sky_luminance(const Image& image) {
  float sum = 0.0f;
  int n = 0;
  for (int y = 0; y < image.height / 10; ++y) {
    for (int x = 0; x < image.width; ++x, ++n) sum += luminance(image.pixel(x, y));
  }
  return sum / static_cast<float>(n);
}

}  // namespace

TEST_F(HeadlessRender, TheLightThemesSkyIsNearlyWhiteAndTheDarkThemesDark) {
  options_.theme = Theme::dark;
  const Image dark = render({3.5, 3.5}, 320, 180);
  options_.theme = Theme::light;
  const Image light = render_current(320, 180);
  EXPECT_LT(sky_luminance(dark), 90.0f);
  EXPECT_GT(sky_luminance(light), 215.0f);
  // The bottom of the light sky is white paper: a printed page shows no box around the picture.
  const std::uint8_t* corner = light.pixel(1, light.height - 2);
  EXPECT_GE(corner[0], 250);
  EXPECT_GE(corner[2], 250);
}

TEST_F(HeadlessRender, TheBoxLinesAreLightOnTheDarkSkyAndDarkOnTheLightOne) {
  for (const Theme theme : {Theme::dark, Theme::light}) {
    options_.theme = theme;
    options_.show_bounds = true;
    const Image with = render({3.5, 3.5}, 480, 270);
    options_.show_bounds = false;
    const Image without = render_current(480, 270);
    // Where the lines changed the picture: lighter in the dark theme, darker in the light one.
    int lighter = 0, darker = 0;
    for (int y = 0; y < with.height; ++y) {
      for (int x = 0; x < with.width; ++x) {
        const float d = luminance(with.pixel(x, y)) - luminance(without.pixel(x, y));
        lighter += d > 6.0f;
        darker += d < -6.0f;
      }
    }
    const bool light_theme = theme == Theme::light;
    EXPECT_GT(light_theme ? darker : lighter, 300) << "the box is drawn: " << to_string(theme);
    EXPECT_GT(light_theme ? darker : lighter, 4 * (light_theme ? lighter : darker)) << to_string(theme);
  }
}
