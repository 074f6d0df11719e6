// What an optimizer keeps besides its ball is drawn where it is: Schedule-Free's average x as a
// white bead seen through the ball (it is seldom more than a ball's width away), its base iterate
// z as a smaller, darker ball of the ball's colour.
#include "tests/render/render_fixture.hpp"

#include "engine/core/optimizers/schedule_free.hpp"

namespace losscape {
namespace {

class CompanionRender : public HeadlessRender {
 protected:
  // The pixel where the renderer puts a ball of `radius` resting at p.
  glm::ivec2 pixel_of(glm::dvec2 p, float radius, float w, float h) const {
    const glm::vec3 centre = renderer_.ball_centre(simulation_->cost(), p, radius);
    const glm::vec4 clip = camera_.projection(w / h) * camera_.view() * glm::vec4(centre, 1.0f);
    return {static_cast<int>((clip.x / clip.w * 0.5f + 0.5f) * w),
            static_cast<int>((1.0f - (clip.y / clip.w * 0.5f + 0.5f)) * h)};
  }
  // How many of the 3 x 3 pixels around `at` pass `test`.
  static int around(const Image& image, glm::ivec2 at, const std::function<bool(const std::uint8_t*)>& test) {
    int n = 0;
    for (int dy = -1; dy <= 1; ++dy) {
      for (int dx = -1; dx <= 1; ++dx) n += test(image.pixel(at.x + dx, at.y + dy)) ? 1 : 0;
    }
    return n;
  }
};

TEST_F(CompanionRender, ScheduleFreeDrawsItsAverageOverTheBallAndItsBaseIterateBesideIt) {
  std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  simulation_ = std::make_unique<Simulation>(cost);
  simulation_->add_ball({-0.4, -0.2}, std::make_unique<ScheduleFree>(false), glm::vec3(1.0f, 0.0f, 0.0f));
  simulation_->run_steps(12);
  ASSERT_EQ(renderer_.init().error(), "");
  renderer_.set_cost(*cost, options_);
  const Image image = render_current(800, 600);
  const auto& sf = dynamic_cast<const ScheduleFree&>(*simulation_->balls()[0].optimizer);
  const glm::ivec2 x = pixel_of(sf.average(), 0.45f * options_.ball_radius, 800.0f, 600.0f);
  const glm::ivec2 y = pixel_of(simulation_->balls()[0].position, options_.ball_radius, 800.0f, 600.0f);
  const glm::ivec2 z = pixel_of(sf.base_iterate(), 0.5f * options_.ball_radius, 800.0f, 600.0f);
  // x is within the ball's width of y, yet shows: white, where the ball is pure red.
  EXPECT_LT(glm::length(glm::vec2(x - y)), 20.0f);
  EXPECT_GE(around(image, x, [](const std::uint8_t* p) { return p[0] > 170 && p[1] > 150 && p[2] > 150; }), 5)
      << "no white bead at x's pixel (" << x.x << ", " << x.y << ")";
  // z ran far ahead: a red ball there (viridis never has red >> green).
  EXPECT_GT(glm::length(glm::vec2(z - y)), 40.0f);
  EXPECT_GE(around(image, z, [](const std::uint8_t* p) { return p[0] > 60 && p[0] > 2 * p[1] && p[0] > 2 * p[2]; }), 5)
      << "no red ball at z's pixel (" << z.x << ", " << z.y << ")";
}

}  // namespace
}  // namespace losscape
