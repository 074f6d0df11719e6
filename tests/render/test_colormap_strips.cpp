// The colour bar's colours: the colour map textures, drawn by the terrain's own colormap.glsl,
// match matplotlib's tables (within the fits' error), t = 0 in the first texel, and each map is
// its own.
#include "tests/render/render_fixture.hpp"

#include "engine/render/colormap_strips.hpp"

#include <cmath>

using namespace losscape;

namespace {

struct Reference {
  int texel;  // t = texel / 255
  glm::vec3 rgb;
};

// matplotlib 3.6's tables at t = 0, 0.2, ..., 1 (matplotlib.colormaps[name](t)).
const Reference kViridis[] = {{0, {0.2670f, 0.0049f, 0.3294f}},   {51, {0.2539f, 0.2653f, 0.5300f}},
                              {102, {0.1636f, 0.4711f, 0.5581f}}, {153, {0.1347f, 0.6586f, 0.5176f}},
                              {204, {0.4775f, 0.8214f, 0.3182f}}, {255, {0.9932f, 0.9062f, 0.1439f}}};
const Reference kMagma[] = {{0, {0.0015f, 0.0005f, 0.0139f}},   {51, {0.2321f, 0.0599f, 0.4377f}},
                            {102, {0.5503f, 0.1612f, 0.5057f}}, {153, {0.8688f, 0.2877f, 0.4093f}},
                            {204, {0.9947f, 0.6244f, 0.4274f}}, {255, {0.9871f, 0.9914f, 0.7495f}}};

void expect_matches(const std::vector<glm::u8vec4>& strip, const Reference* reference, std::size_t count,
                    const char* name) {
  ASSERT_EQ(strip.size(), static_cast<std::size_t>(ColormapStrips::kTexels)) << name;
  for (std::size_t i = 0; i < count; ++i) {
    const glm::u8vec4 texel = strip[static_cast<std::size_t>(reference[i].texel)];
    for (int c = 0; c < 3; ++c) {
      // The fits' largest error is 0.021 (magma); one step of 8 bits more.
      EXPECT_NEAR(texel[c] / 255.0f, reference[i].rgb[c], 0.025f)
          << name << " texel " << reference[i].texel << " channel " << c;
    }
    EXPECT_EQ(texel.a, 255);
  }
}

}  // namespace

TEST_F(HeadlessRender, ColourMapStripsAreTheTerrainsMapsFromTZeroToOne) {
  ColormapStrips strips;
  expect_matches(strips.read(Colormap::viridis), kViridis, std::size(kViridis), "viridis");
  expect_matches(strips.read(Colormap::magma), kMagma, std::size(kMagma), "magma");
  // Asking again gives the same texture, not a new one each frame.
  const GLuint id = strips.texture(Colormap::viridis);
  EXPECT_NE(id, 0u);
  EXPECT_EQ(strips.texture(Colormap::viridis), id);
  EXPECT_NE(strips.texture(Colormap::turbo), id);
}

TEST_F(HeadlessRender, DrawingAStripLeavesTheCallersFramebufferAndViewportAlone) {
  RenderTarget target;
  std::string error;
  ASSERT_EQ(target.resize(64, 48, 0).error(), "");
  target.bind_resolved();
  glViewport(3, 4, 50, 40);
  ColormapStrips strips;
  ASSERT_NE(strips.texture(Colormap::cividis), 0u);
  GLint framebuffer = 0, viewport[4] = {};
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &framebuffer);
  glGetIntegerv(GL_VIEWPORT, viewport);
  EXPECT_EQ(static_cast<GLuint>(framebuffer), target.resolved_framebuffer());
  EXPECT_EQ(viewport[0], 3);
  EXPECT_EQ(viewport[2], 50);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}
