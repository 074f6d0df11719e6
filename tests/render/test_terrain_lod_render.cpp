// The terrain's levels of detail, rendered: the automatic mesh looks like a fine uniform one
// from every side with a fraction of its triangles, holes keep their shape, a picture drawn in
// tiles is the picture drawn whole, and the same view always gives the same bytes.
#include "engine/core/formula/formula_function.hpp"
#include "render_fixture.hpp"

#include <cmath>
#include <cstring>

namespace losscape {
namespace {

struct Difference {
  double mean = 0.0;        // per channel
  std::size_t over_32 = 0;  // channels off by more than 32
};

Difference difference(const Image& a, const Image& b) {
  Difference d;
  for (std::size_t i = 0; i < a.rgba.size(); ++i) {
    const int delta = std::abs(static_cast<int>(a.rgba[i]) - static_cast<int>(b.rgba[i]));
    d.mean += delta;
    d.over_32 += delta > 32;
  }
  d.mean /= static_cast<double>(a.rgba.size());
  return d;
}

class TerrainLod : public HeadlessRender {
 protected:
  void SetUp() override { ASSERT_EQ(renderer_.init().error(), ""); }
  void use(std::shared_ptr<const CostFunction> cost) {
    simulation_ = std::make_unique<Simulation>(std::move(cost));
    renderer_.set_cost(simulation_->cost(), options_);
  }
  Image render_at(std::optional<int> resolution, int width, int height) {
    options_.terrain_resolution = resolution;
    return render_current(width, height);
  }
  // The picture drawn tile by tile, each tile into a framebuffer of its own size.
  Image render_in_tiles(int width, int height, int tile) {
    Image picture{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
    RenderTarget target;
    std::string error;
    for (int y = 0; y < height; y += tile) {
      for (int x = 0; x < width; x += tile) {
        const PictureTile part{x, y, std::min(tile, width - x), std::min(tile, height - y)};
        EXPECT_EQ(target.resize(part.width, part.height, options_.msaa_samples).error(), "");
        target.bind_for_scene();
        renderer_.render(*simulation_, camera_, width, height, options_, &part);
        target.resolve();
        const Image piece = target.read_resolved();
        for (int row = 0; row < part.height; ++row) {  // pieces count rows from the top
          std::memcpy(picture.pixel(x, height - part.y - part.height + row), piece.pixel(0, row),
                      static_cast<std::size_t>(part.width) * 4);
        }
      }
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return picture;
  }
};

// Views from the default, turned a few degrees (a patch changing level as the camera turns
// would show as a frame unlike the reference: popping), and nearer; each drawn by the
// automatic mesh and by the uniform 257 x 257 one (the same height range as the automatic
// mesh, which takes it from 257 x 257 samples), finer than the automatic mesh anywhere here.
// Contours on: they move most when a level's shape is off. At 320x180 a quarter of a pixel is
// a coarse tolerance, and the automatic mesh has about 1,300 to 3,400 triangles: measured, 0.15
// to 0.56 per channel off on average and at most 26 channels (of 230,400) off by more than 32.
// Half a pixel allowed (LodView::max_pixels 0.5) measures 1.0 to 1.14 and 420 to 820.
TEST_F(TerrainLod, TheAutomaticMeshLooksLikeAFineUniformOneWithAFractionOfItsTriangles) {
  options_.show_contours = true;
  use(make_builtin_function("himmelblau"));
  const int w = 320, h = 180;
  for (float yaw : {-40.0f, -37.0f, 50.0f}) {
    for (float distance : {4.3f, 2.0f}) {
      camera_ = OrbitCamera{};
      camera_.yaw_degrees = yaw;
      camera_.distance = distance;
      const Image automatic = render_at(std::nullopt, w, h);
      const std::size_t triangles = renderer_.terrain_stats().triangles;
      const Difference d = difference(automatic, render_at(257, w, h));
      const std::string view = "yaw " + std::to_string(yaw) + ", distance " + std::to_string(distance);
      EXPECT_LT(d.mean, 0.75) << view;
      EXPECT_LT(d.over_32, 50u) << view;
      EXPECT_LT(triangles, 130050u / 16) << view << ": a sixteenth of the uniform 256 x 256 mesh's";
    }
  }
}

// A picture drawn in tiles chooses its levels as the whole picture does, so its tiles meet
// without seams. Were the levels chosen for a tile's height (a quarter of the picture's), they
// would be coarser: the picture would have a quarter of the triangles and lines moved by up to
// a pixel.
TEST_F(TerrainLod, APictureDrawnInTilesIsThePictureDrawnWhole) {
  options_.show_contours = true;
  use(make_builtin_function("himmelblau"));
  camera_.distance = 2.5f;
  const int w = 480, h = 272;
  const Image whole = render_at(std::nullopt, w, h);
  const std::size_t whole_triangles = renderer_.terrain_stats().triangles;
  render_current(w / 4, h / 4);
  ASSERT_LT(renderer_.terrain_stats().triangles * 2, whole_triangles) << "a tile's own levels would differ";
  const Image tiled = render_in_tiles(w, h, 68);
  EXPECT_EQ(renderer_.terrain_stats().triangles, whole_triangles);
  const Difference d = difference(whole, tiled);
  EXPECT_LT(d.mean, 0.02);
  EXPECT_LT(d.over_32, 10u);
}

TEST_F(TerrainLod, TheSameViewAlwaysGivesTheSameBytes) {
  use(make_builtin_function("rastrigin"));
  const Image first = render_at(std::nullopt, 320, 180);
  camera_.distance = 1.5f;  // other levels in between
  render_current(320, 180);
  camera_.distance = OrbitCamera{}.distance;
  EXPECT_EQ(render_current(320, 180).rgba, first.rgba);
}

// f undefined for x < 0: the patches along the hole's edge are drawn at the finest level, so
// the edge is where the uniform mesh has it.
TEST_F(TerrainLod, AHoleKeepsItsShape) {
  formula::CompileError error;
  use(FormulaFunction::create("sqrt(x) + y^2", {-5, 5, -5, 5}, error));
  const Image automatic = render_at(std::nullopt, 320, 180);
  const Difference d = difference(automatic, render_at(257, 320, 180));
  EXPECT_LT(d.mean, 0.5);
  EXPECT_LT(d.over_32, 50u);
}

}  // namespace
}  // namespace losscape
