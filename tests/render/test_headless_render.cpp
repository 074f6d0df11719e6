// Real rendering on a headless EGL context (Mesa llvmpipe in CI): no test here is skipped for
// want of a GPU.
#include "tests/render/render_fixture.hpp"
#include "tests/temp_folder.hpp"

#include "engine/core/formula/formula_function.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/scene/data_paths.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace losscape;

TEST_F(HeadlessRender, ImageHasTheRequestedSizeAndIsNotBlank) {
  const Image image = render({-0.4, -0.2}, 320, 200);
  ASSERT_EQ(image.width, 320);
  ASSERT_EQ(image.height, 200);
  std::size_t distinct = 0;
  std::vector<bool> seen(1 << 15);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      const int key = (p[0] >> 3) << 10 | (p[1] >> 3) << 5 | (p[2] >> 3);
      if (!seen[static_cast<std::size_t>(key)]) seen[static_cast<std::size_t>(key)] = true, ++distinct;
    }
  }
  EXPECT_GT(distinct, 200u) << "a rendered terrain has many colours; a blank frame has one or two";
}

TEST_F(HeadlessRender, BallIsDrawnWhereItsProjectedPositionSays) {
  const int w = 400, h = 300;
  const glm::dvec2 start(1.0, -1.0);
  const Image image = render(start, w, h);
  // Project the ball's centre with the same camera the renderer used.
  const glm::vec3 centre = renderer_.ball_centre(simulation_->cost(), start, options_.ball_radius);
  const glm::vec4 clip = camera_.projection(static_cast<float>(w) / h) * camera_.view() * glm::vec4(centre, 1.0f);
  const int px = static_cast<int>((clip.x / clip.w * 0.5f + 0.5f) * w);
  const int py = static_cast<int>((1.0f - (clip.y / clip.w * 0.5f + 0.5f)) * h);
  ASSERT_TRUE(px >= 2 && px < w - 2 && py >= 2 && py < h - 2);
  // The ball is pure red lit: red dominates at its centre (viridis never has red >> green).
  int red_pixels = 0;
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      const std::uint8_t* p = image.pixel(px + dx, py + dy);
      if (p[0] > 120 && p[0] > 2 * p[1] && p[0] > 2 * p[2]) ++red_pixels;
    }
  }
  EXPECT_GE(red_pixels, 7) << "no red ball at its projected pixel (" << px << ", " << py << ")";
  // And far from there, no ball.
  const std::uint8_t* corner = image.pixel(5, 5);
  EXPECT_FALSE(corner[0] > 120 && corner[0] > 2 * corner[1]);
}

TEST_F(HeadlessRender, ABallCastsASoftShadowBesideItAndNowhereElse) {
  const int w = 400, h = 300;
  const glm::dvec2 start(0.0, 4.0);  // on the far slope, lit and bright under the default camera
  options_.show_trails = false;
  options_.show_markers = false;
  options_.show_shadows = false;
  const Image without = render(start, w, h);
  options_.show_shadows = true;
  const Image with = render_current(w, h);
  const glm::vec3 centre = renderer_.ball_centre(simulation_->cost(), start, options_.ball_radius);
  const glm::vec4 clip = camera_.projection(static_cast<float>(w) / h) * camera_.view() * glm::vec4(centre, 1.0f);
  const float px = (clip.x / clip.w * 0.5f + 0.5f) * w, py = (1.0f - (clip.y / clip.w * 0.5f + 0.5f)) * h;
  int darker_near = 0, changed_far = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const float d = luminance(without.pixel(x, y)) - luminance(with.pixel(x, y));
      const bool near = std::hypot(static_cast<float>(x) - px, static_cast<float>(y) - py) < 25.0f;
      if (near && d > 8.0f) ++darker_near;
      if (!near && std::abs(d) > 0.5f) ++changed_far;
      ASSERT_GE(d, -0.5f) << "a shadow only darkens, at (" << x << ", " << y << ")";
    }
  }
  EXPECT_GE(darker_near, 15) << "no visible shadow around the ball at (" << px << ", " << py << ")";
  EXPECT_EQ(changed_far, 0) << "the shadow reaches pixels far from its ball";
}

TEST_F(HeadlessRender, TerrainIsLitSoBrightnessVaries) {
  const Image image = render({-0.4, -0.2}, 320, 200);
  // Along the middle row, across the terrain, the shading varies a lot more than a flat fill.
  float lo = 255.0f, hi = 0.0f;
  for (int x = 60; x < 260; ++x) {
    const float l = luminance(image.pixel(x, 110));
    lo = std::min(lo, l);
    hi = std::max(hi, l);
  }
  EXPECT_GT(hi - lo, 40.0f);
}

TEST_F(HeadlessRender, ImpossibleSizeIsAClearError) {
  std::shared_ptr<const CostFunction> cost = make_builtin_function("bowl");
  Simulation simulation(cost);
  ASSERT_EQ(renderer_.init().error(), "");
  renderer_.set_cost(*cost, options_);
  const auto image = render_to_image(renderer_, target_, simulation, camera_, 100000, 10, options_);
  EXPECT_FALSE(image);
  EXPECT_NE(image.error().find("impossible size 100000x10"), std::string::npos) << image.error();
}

TEST_F(HeadlessRender, BrokenShaderEditKeepsTheLastGoodProgram) {
  namespace fs = std::filesystem;
  const fs::path dir = losscape::testing::temp_folder() / "shaders";
  fs::remove_all(dir);
  fs::copy(shader_directory(), dir);
  setenv("LOSSCAPE_SHADER_DIR", dir.c_str(), 1);
  ShaderProgram program("line.vert", "line.frag");
  ASSERT_EQ(program.load().error(), "");
  ASSERT_TRUE(program.valid());
  std::ofstream(dir / "line.frag") << "#version 330 core\nthis is not glsl;\n";
  // Make sure the modification time differs even on coarse-grained file systems.
  fs::last_write_time(dir / "line.frag", fs::last_write_time(dir / "line.frag") + std::chrono::seconds(2));
  const std::string error = program.reload_if_changed().error();
  unsetenv("LOSSCAPE_SHADER_DIR");
  EXPECT_NE(error.find("line.frag failed to compile"), std::string::npos) << error;
  EXPECT_TRUE(program.valid());
  fs::remove_all(dir);
}

TEST(Png, UnwritablePathIsAClearError) {
  Image image{2, 2, std::vector<std::uint8_t>(16, 255)};
  const std::string error = write_png("/nonexistent-dir/x.png", image).error();
  EXPECT_EQ(error, "cannot write /nonexistent-dir/x.png: No such file or directory");
}

TEST(Picking, RayThroughAProjectedTerrainPointFindsThatPoint) {
  std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  const TerrainMapping mapping(*cost, 128);
  OrbitCamera camera;
  const int w = 1600, h = 900;
  // Points near the edges too: the function continues past the domain, the drawn sheet does not.
  for (glm::dvec2 p : {glm::dvec2(1.0, -1.0), glm::dvec2(3.0, 2.0), glm::dvec2(-2.0, 1.5), glm::dvec2(4.8, -3.0),
                       glm::dvec2(4.9, 4.9), glm::dvec2(-4.9, -4.5)}) {
    const glm::vec3 world = mapping.world(p, cost->value(p));
    const glm::vec4 clip = camera.projection(static_cast<float>(w) / h) * camera.view() * glm::vec4(world, 1.0f);
    const float px = (clip.x / clip.w * 0.5f + 0.5f) * w;
    const float py = (1.0f - (clip.y / clip.w * 0.5f + 0.5f)) * h;
    const auto hit = pick_terrain(camera.ray_through_pixel(px, py, w, h), mapping, *cost);
    ASSERT_TRUE(hit.has_value()) << p.x << "," << p.y;
    EXPECT_NEAR(hit->x, p.x, 0.02);
    EXPECT_NEAR(hit->y, p.y, 0.02);
  }
}

TEST_F(HeadlessRender, GradientArrowAndPreviewAppearOnlyWhenSwitchedOn) {
  auto count_cyan = [](const Image& image) {
    int n = 0;
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < image.width; ++x) {
        const std::uint8_t* p = image.pixel(x, y);
        if (p[0] < 110 && p[1] > 200 && p[2] > 200) ++n;  // the arrow's cyan: viridis never gets there
      }
    }
    return n;
  };
  const Image plain = render({0.5, -1.0}, 800, 600);
  options_.show_gradient = true;
  options_.show_preview = true;
  const Image with_arrow = render({0.5, -1.0}, 800, 600);
  if (const char* dir = std::getenv("LOSSCAPE_TEST_OUTPUT"))
    static_cast<void>(write_png(std::string(dir) + "/overlays.png", with_arrow));
  EXPECT_LT(count_cyan(plain), 5);
  EXPECT_GT(count_cyan(with_arrow), 40);
}

TEST_F(HeadlessRender, WhereAFormulaIsUndefinedTheTerrainHasAHole) {
  // sqrt(x) is undefined for x < 0: that half of the terrain must be missing, not garbage.
  auto render_formula = [&](const std::string& text) {
    formula::CompileError error;
    std::shared_ptr<const CostFunction> cost = FormulaFunction::create(text, {-5, 5, -5, 5}, error);
    EXPECT_NE(cost, nullptr) << error.message;
    Simulation simulation(cost);
    EXPECT_EQ(renderer_.init().error(), "");
    RenderOptions options;
    options.show_bounds = false;
    renderer_.set_cost(*cost, options);
    auto image = render_to_image(renderer_, target_, simulation, camera_, 320, 200, options);
    EXPECT_TRUE(image) << image.error();
    return image ? std::move(*image) : Image{};
  };
  // The sky is a vertical gradient: each row's leftmost pixel (always sky in this view) is the
  // sky's colour on that row; terrain pixels differ from it.
  auto terrain_pixels = [](const Image& image) {
    int n = 0;
    for (int y = 0; y < image.height; ++y) {
      const std::uint8_t* sky = image.pixel(0, y);
      for (int x = 0; x < image.width; ++x) {
        const std::uint8_t* p = image.pixel(x, y);
        const int difference = std::abs(p[0] - sky[0]) + std::abs(p[1] - sky[1]) + std::abs(p[2] - sky[2]);
        n += difference > 24 ? 1 : 0;
      }
    }
    return n;
  };
  const int whole = terrain_pixels(render_formula("x + y^2"));
  const int half = terrain_pixels(render_formula("sqrt(x) + y^2"));
  EXPECT_GT(whole, 5000);
  EXPECT_LT(half, whole * 3 / 4) << "the undefined half was drawn";
  EXPECT_GT(half, whole / 5) << "the defined half is missing";
}

// The ball the Step section explains and the term arrows show: the selected one where it is an
// ordinary ball; else (a swarm member, or an index past the balls after another scene opened)
// the first ordinary ball; none with a swarm only.
TEST(ExplainedBall, IsTheSelectedOrdinaryBallElseTheFirst) {
  Simulation simulation(make_builtin_function("himmelblau"));
  RenderOptions options;
  EXPECT_EQ(explained_ball(simulation, options.explained_ball), nullptr);
  simulation.add_swarm({{0.0, 0.0}, {1.0, 1.0}}, *make_optimizer("gd"));
  EXPECT_EQ(explained_ball(simulation, options.explained_ball), nullptr) << "a swarm only";
  simulation.add_ball({1.0, 1.0}, make_optimizer("adam"));
  simulation.add_ball({2.0, 1.0}, make_optimizer("gd"));
  const auto& balls = simulation.balls();
  ASSERT_EQ(balls.size(), 4u);
  options.explained_ball = 3;
  EXPECT_EQ(explained_ball(simulation, options.explained_ball), &balls[3]);
  options.explained_ball = 0;  // a swarm member
  EXPECT_EQ(explained_ball(simulation, options.explained_ball), &balls[2]);
  options.explained_ball = 10;
  EXPECT_EQ(explained_ball(simulation, options.explained_ball), &balls[2]);
}
