// What issue 4/8 adds to the picture: swarms in the colours of their minima, the basin overlay,
// minimum markers; and frames that stay opaque under translucent trails.
#include "tests/render/render_fixture.hpp"

#include "engine/render/basin_palette.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/sim/basins.hpp"
#include "engine/sim/swarm.hpp"

#include <cstdlib>

using namespace losscape;

namespace {

void save_for_inspection(const Image& image, const char* name) {
  if (const char* dir = std::getenv("LOSSCAPE_TEST_OUTPUT"))
    static_cast<void>(write_png(std::string(dir) + "/" + name, image));
}

// Near a basin colour's hue: a pixel of the lit terrain or ball keeps the colour's channel
// order and ratios roughly, whatever the light.
bool looks_like(int r, int g, int b, glm::vec3 colour) {
  const glm::vec3 pixel(static_cast<float>(r), static_cast<float>(g), static_cast<float>(b));
  const float brightness = pixel.r + pixel.g + pixel.b;
  if (brightness < 60.0f) return false;
  const glm::vec3 mix = pixel / brightness, want = colour / (colour.r + colour.g + colour.b);
  return glm::length(mix - want) < 0.05f;
}

// Which of `colours` the pixel's hue is nearest to (highlights and shading shift it toward
// white or black, but not toward another of these).
std::size_t nearest_colour(const std::uint8_t* p, const std::vector<glm::vec3>& colours) {
  const glm::vec3 pixel(p[0], p[1], p[2]);
  std::size_t best = 0;
  float best_distance = 1e9f;
  for (std::size_t i = 0; i < colours.size(); ++i) {
    const glm::vec3 c = colours[i];
    const float distance = glm::length(pixel / (pixel.r + pixel.g + pixel.b + 1.0f) - c / (c.r + c.g + c.b));
    if (distance < best_distance) best = i, best_distance = distance;
  }
  return best;
}

}  // namespace

TEST_F(HeadlessRender, FramesAreOpaqueUnderTranslucentTrailsAndSoftBallEdges) {
  render({-4.0, 4.0}, 10, 10);  // set up
  simulation_->run_steps(200);
  const Image image = render_current(400, 300);
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) {
    ASSERT_EQ(image.rgba[i], 255) << "pixel " << i / 4 << " is see-through: a slide would show through it";
  }
}

TEST_F(HeadlessRender, ASwarmIsDrawnInTheColoursOfTheMinimaItReached) {
  render({0.0, 0.0}, 10, 10);
  simulation_->clear_balls();  // the swarm alone
  auto gd = make_optimizer("gd");
  ASSERT_TRUE(gd->set_parameter("lr", 0.01));
  simulation_->add_swarm(swarm_starts(SwarmLayout::grid, 400, simulation_->cost().domain(), 1), *gd);
  options_.show_markers = false;
  options_.show_trails = false;
  camera_.pitch_degrees = 89.0f;  // from above: every minimum is in view
  const int w = 800, h = 600;
  // Where the members that reached minimum m sit: on it, drawn at the swarm's size.
  auto pixel_at_minimum = [&](std::size_t m) {
    const glm::dvec2 at = simulation_->minima()[m].position;
    const glm::vec3 centre = renderer_.ball_centre(simulation_->cost(), at, swarm_ball_radius(400));
    const glm::vec4 clip = camera_.projection(static_cast<float>(w) / h) * camera_.view() * glm::vec4(centre, 1.0f);
    const int px = static_cast<int>((clip.x / clip.w * 0.5f + 0.5f) * w);
    const int py = static_cast<int>((1.0f - (clip.y / clip.w * 0.5f + 0.5f)) * h);
    return std::pair<int, int>(px, py);
  };
  simulation_->run_steps(3000);
  ASSERT_EQ(simulation_->swarm_counts().running, 0u);
  const Image arrived = render_current(w, h);
  simulation_->reset();  // every member back at its start, on its way again
  simulation_->run_steps(1);
  const Image running = render_current(w, h);
  save_for_inspection(arrived, "swarm.png");
  const std::vector<glm::vec3> candidates = {basin_colour(0), basin_colour(1), basin_colour(2), basin_colour(3),
                                             kRunningSwarmColour};
  for (std::size_t m = 0; m < 4; ++m) {
    // A vote over the ball's pixels: its highlight alone would look paler.
    const auto [px, py] = pixel_at_minimum(m);
    std::vector<int> votes(candidates.size());
    for (int dy = -2; dy <= 2; dy += 2) {
      for (int dx = -2; dx <= 2; dx += 2) ++votes[nearest_colour(arrived.pixel(px + dx, py + dy), candidates)];
    }
    EXPECT_GE(votes[m], 5) << "minimum " << m;
  }
  // On their way, the members have the running colour: they are spread over the terrain (none
  // of them at a minimum yet), light grey.
  const auto light_grey = [](int r, int g, int b) {
    return std::min({r, g, b}) > 170 && std::max({r, g, b}) - std::min({r, g, b}) < 30;
  };
  EXPECT_GT(count_pixels(running, light_grey), 400 * 3);
  EXPECT_LT(count_pixels(arrived, light_grey), 40);
}

// A swarm's trail lines are clipped to the terrain's box on the CPU (TrailRenderer), not tested
// pixel by pixel: members that diverge fly off the edges, and their trails stop at the box, on
// the surface and on the floor's map, while every trail inside it is still drawn.
TEST_F(HeadlessRender, ADivergingSwarmsTrailsStopAtTheBox) {
  render({0.0, 0.0}, 10, 10);
  simulation_->clear_balls();
  auto gd = make_optimizer("gd");
  ASSERT_TRUE(gd->set_parameter("lr", 0.03));  // on Himmelblau, some members diverge at once
  simulation_->add_swarm(swarm_starts(SwarmLayout::grid, 300, simulation_->cost().domain(), 1), *gd);
  simulation_->run_steps(8);
  std::size_t diverged = 0;
  for (const Ball& ball : simulation_->balls()) diverged += ball.status == BallStatus::diverged ? 1 : 0;
  ASSERT_GT(diverged, 10u);
  options_.show_markers = false;
  options_.show_floor_map = true;
  camera_ = top_down_camera();  // the box is the square x, z in [-1, 1], a margin wider
  const int w = 600, h = 600;
  const Image with = render_current(w, h);
  options_.show_trails = false;
  const Image without = render_current(w, h);
  // The box's square on screen, its margin (two ball radii) and a pixel more.
  const glm::mat4 to_clip = camera_.projection(static_cast<float>(w) / h) * camera_.view();
  const float margin = 2.0f * options_.ball_radius;
  const auto pixel = [&](float x, float z) {
    const glm::vec4 clip = to_clip * glm::vec4(x, 0.0f, z, 1.0f);
    return glm::vec2((clip.x / clip.w * 0.5f + 0.5f) * w, (1.0f - (clip.y / clip.w * 0.5f + 0.5f)) * h);
  };
  const glm::vec2 a = pixel(-1.0f - margin, -1.0f - margin), b = pixel(1.0f + margin, 1.0f + margin);
  const glm::vec2 lo = glm::min(a, b) - 1.0f, hi = glm::max(a, b) + 1.0f;
  ASSERT_GT(lo.x, 10.0f) << "the box fills the picture: nothing outside it to look at";
  int inside = 0, outside = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::uint8_t *p = with.pixel(x, y), *q = without.pixel(x, y);
      if (p[0] == q[0] && p[1] == q[1] && p[2] == q[2]) continue;
      const glm::vec2 centre(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f);
      const bool in = glm::all(glm::greaterThanEqual(centre, lo)) && glm::all(glm::lessThanEqual(centre, hi));
      ++(in ? inside : outside);
    }
  }
  EXPECT_GT(inside, 5000) << "the trails are drawn";
  EXPECT_EQ(outside, 0) << "trails drawn beyond the box";
}

TEST_F(HeadlessRender, TheBasinOverlayPaintsTheTerrainAndItsOpacityFadesIt) {
  render({0.0, 0.0}, 10, 10);
  BasinSettings settings;
  settings.grid = 64;
  BasinMap map;
  ASSERT_TRUE(compute_basins(simulation_->cost(), *make_optimizer("gd"), settings, map));
  renderer_.set_basin_overlay(&map);
  options_.show_markers = false;
  options_.show_trails = false;
  camera_.pitch_degrees = 89.0f;
  // Himmelblau's second basin (top left from above) is orange: viridis is never orange.
  const auto orange = [&](int r, int g, int b) { return looks_like(r, g, b, basin_colour(1)); };
  const Image none = render_current(400, 300);
  options_.show_basins = true;
  options_.basin_opacity = 1.0f;
  const Image full = render_current(400, 300);
  options_.basin_opacity = 0.3f;
  const Image faint = render_current(400, 300);
  save_for_inspection(full, "basins.png");
  EXPECT_EQ(count_pixels(none, orange), 0);
  EXPECT_GT(count_pixels(full, orange), 400 * 300 / 30) << "a quarter of the terrain is that basin";
  EXPECT_LT(count_pixels(faint, orange), count_pixels(full, orange) / 4);
  // Which quarter: from above, x grows to the right and y upwards; the orange basin is the one
  // around (-2.8, 3.1): the top-left quarter of the terrain.
  int left_top = 0, right_bottom = 0;
  for (int y = 0; y < 300; ++y) {
    for (int x = 0; x < 400; ++x) {
      const std::uint8_t* p = full.pixel(x, y);
      if (!orange(p[0], p[1], p[2])) continue;
      if (x < 200 && y < 150) ++left_top;
      if (x > 200 && y > 150) ++right_bottom;
    }
  }
  EXPECT_GT(left_top, 20 * std::max(right_bottom, 1));
}

TEST_F(HeadlessRender, MarkersPinTheMinimaInGoldOnlyWhenSwitchedOn) {
  const auto gold = [](int r, int g, int b) { return r > 200 && g > 140 && g < 215 && b < 90; };
  options_.show_markers = false;
  options_.show_trails = false;
  const Image without = render({0.0, 0.0}, 640, 480);
  options_.show_markers = true;
  const Image with = render({0.0, 0.0}, 640, 480);
  save_for_inspection(with, "markers.png");
  // (A few pixels of viridis' yellow peak pass for gold: count what the pins add.)
  EXPECT_LT(count_pixels(without, gold), 30);
  EXPECT_GT(count_pixels(with, gold) - count_pixels(without, gold), 4 * 15)
      << "four gold pins on Himmelblau's four global minima";
}

// A swarm too big for Ball members that runs in the CPU's lanes (engine/sim/lane_swarm.hpp) is the
// picture a Ball swarm of the same members is: the same places, between two steps too, the same
// colours, sizes and culling, and no shadows, as every swarm that big (its members keep no
// trails: both drawn without).
TEST_F(HeadlessRender, ASwarmInTheCpusLanesIsDrawnAsTheSameSwarmOfBallMembers) {
  const SwarmAcceleration process = swarm_acceleration();
  set_swarm_acceleration({nullptr, "not in this test"});  // the GPU would take the swarm
  render({0.0, 0.0}, 10, 10);
  options_.show_trails = false;
  auto gd = make_optimizer("gd");
  ASSERT_TRUE(gd->set_parameter("lr", 0.01));
  const auto starts = swarm_starts(SwarmLayout::random, 20000, simulation_->cost().domain(), 1);
  const auto pictures = [&](bool lanes) {
    SimulationSettings settings;
    settings.swarm_lanes = lanes;
    simulation_ = std::make_unique<Simulation>(simulation_->cost_ptr(), settings);
    simulation_->add_ball({-4.0, 4.0}, make_optimizer("gd"), glm::vec3(1.0f, 0.0f, 0.0f));
    simulation_->add_swarm(starts, *gd);
    EXPECT_EQ(simulation_->swarm_accelerator() != nullptr, lanes) << simulation_->swarm_note();
    simulation_->run_steps(5);  // on their way, spread over the terrain
    std::vector<Image> images{render_current(640, 400)};
    simulation_->advance(1.5 / simulation_->settings().steps_per_second);  // half way to the next step
    images.push_back(render_current(640, 400));
    return images;
  };
  const std::vector<Image> balls = pictures(false), lanes = pictures(true);
  set_swarm_acceleration(process);
  save_for_inspection(lanes[0], "lane-swarm.png");
  for (std::size_t k = 0; k < balls.size(); ++k) {
    ASSERT_EQ(balls[k].rgba.size(), lanes[k].rgba.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < balls[k].rgba.size(); ++i) differing += balls[k].rgba[i] != lanes[k].rgba[i];
    EXPECT_EQ(differing, 0u) << (k ? "between two steps" : "after 5 steps");
  }
  const auto light_grey = [](int r, int g, int b) {
    return std::min({r, g, b}) > 170 && std::max({r, g, b}) - std::min({r, g, b}) < 30;
  };
  EXPECT_GT(count_pixels(lanes[0], light_grey), 200) << "members on their way are drawn (grains)";
}
