#include "engine/render/scene_renderer.hpp"

#include "engine/render/term_colours.hpp"

#include "engine/core/optimizers/path_replay.hpp"

#include "engine/render/basin_palette.hpp"
#include "engine/render/minimum_markers.hpp"
#include "engine/render/terrain/terrain_lines.hpp"
#include "engine/render/theme_colours.hpp"
#include "engine/render/value_ticks.hpp"
#ifdef __EMSCRIPTEN__
namespace losscape {
class GpuSwarmRenderer {};  // WebGL2 has no compute shaders: never made
}  // namespace losscape
#else
#include "engine/render/compute/gpu_swarm_renderer.hpp"
#endif

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

namespace losscape {
namespace {

void push_line(std::vector<float>& v, glm::vec3 a, glm::vec3 b, glm::vec4 colour) {
  for (glm::vec3 p : {a, b}) v.insert(v.end(), {p.x, p.y, p.z, colour.r, colour.g, colour.b, colour.a});
}

const glm::vec3 kLightDirection = glm::normalize(glm::vec3(-0.45f, 1.0f, 0.55f));

// How far under the terrain's lowest point the floor's contour map lies, in terrain heights:
// far enough to be seen under the surface from the usual views, near enough to read as its map.
constexpr float kFloorMapDepth = 0.5f;

// A replayed training path and its checkpoint dots (optimizers/path_replay.hpp): a bright
// turquoise, far from every ball of the palette (scene_factory.cpp's ball_colour) and brighter
// than the teal in the middle of viridis.
constexpr glm::vec3 kTrainingPathColour{0.2f, 1.0f, 0.9f};

// A swarm member within a sixteenth of a ball of one of its colour already drawn adds nothing to
// the picture (SpriteCells: cells a sixteenth of its radius wide); ten thousand resting in four
// minima are drawn as a few hundred.
constexpr float kSwarmCellsPerRadius = 16.0f;

}  // namespace

double floor_grid_step(const Domain& domain) { return nice_step(std::max(domain.width(), domain.height()), 10.0); }

float swarm_ball_radius(std::size_t swarm_size, float smallest) {
  // About a quarter of the spacing between members on a uniform layout (the terrain spans 2).
  return std::clamp(0.55f / std::sqrt(static_cast<float>(std::max<std::size_t>(swarm_size, 1))), smallest, 0.032f);
}

float big_swarm_ball_radius(std::size_t swarm_size) { return swarm_ball_radius(swarm_size, 0.0012f); }

SceneRenderer::SceneRenderer() : line_shader_("line.vert", "line.frag"), sky_shader_("sky.vert", "sky.frag") {}
SceneRenderer::~SceneRenderer() = default;

void SceneRenderer::draw_gpu_swarm(const Simulation& simulation, const glm::mat4& view_projection, glm::vec3 eye,
                                   const ClipBox& box) {
#ifdef __EMSCRIPTEN__
  (void)simulation, (void)view_projection, (void)eye, (void)box;  // WebGL2 has no compute shaders
#else
  const auto* swarm = dynamic_cast<const GpuSwarm*>(simulation.swarm_accelerator());
  if (swarm == nullptr) return;
  if (!gpu_swarm_) {
    gpu_swarm_ = std::make_unique<GpuSwarmRenderer>();
    if (Status loaded = gpu_swarm_->init(); !loaded) std::fprintf(stderr, "losscape: %s\n", loaded.error().c_str());
  }
  gpu_swarm_->draw(*swarm, mapping_, view_projection, eye, kLightDirection, box);
#endif
}

Status SceneRenderer::init() {
  if (Status loaded = terrain_programs_.init(); !loaded) return loaded;
  for (ShaderProgram* shader : {&line_shader_, &sky_shader_}) {
    if (Status loaded = shader->load(); !loaded) return loaded;
  }
  if (Status loaded = balls_.init(); !loaded) return loaded;
  if (Status loaded = shadows_.init(); !loaded) return loaded;
  if (Status loaded = trails_.init(); !loaded) return loaded;
  terrain_.init();
  bounds_ = Mesh({3, 4});
  overlays_ = Mesh({3, 4}, GL_STREAM_DRAW);
  empty_vao_ = gl::make_vertex_array();
  basin_texture_ = gl::make_texture();
  return {};
}

Status SceneRenderer::reload_changed_shaders() {
  Status first = terrain_programs_.reload_changed();
  if (Status strips = colormap_strips_.reload_changed(); first) first = strips;
  for (ShaderProgram* shader :
       {&line_shader_, &sky_shader_, &balls_.shader(), &balls_.swarm_shader(), &balls_.swarm_point_shader(),
        &trails_.shader(), &trails_.swarm_shader(), &shadows_.shader()}) {
    if (Status loaded = shader->reload_if_changed(); first) first = loaded;
  }
  return first;
}

void SceneRenderer::set_cost(const CostFunction& cost, const RenderOptions& options) {
  rebuild_surface(cost, options);
  set_basin_overlay(nullptr);
}

float SceneRenderer::floor_y(const RenderOptions& options) const {
  return options.show_floor_map ? -kFloorMapDepth * mapping_.height_scale() : 0.0f;
}

void SceneRenderer::rebuild_surface(const CostFunction& cost, const RenderOptions& options) {
  build_terrain(cost, TerrainBuild::of(options));
  build_bounds(floor_y(options), options.theme);
  trails_.clear();  // every trail point moved with the surface
}

void SceneRenderer::set_basin_overlay(const BasinMap* map) {
  has_basin_overlay_ = map != nullptr && map->grid > 0 && !map->label.empty();
  if (!has_basin_overlay_) return;
  upload_nearest_texture(basin_texture_, basin_image(*map));  // one texel per start
}

void SceneRenderer::build_terrain(const CostFunction& cost, const TerrainBuild& build) {
  TerrainGeometry geometry = terrain_geometry(cost, build.resolution, build.height, build.min_finest);
  mapping_ = geometry.mapping;
  terrain_.upload(geometry.samples, geometry.layout);
  built_for_ = build;
}

SceneRenderer::TerrainStats SceneRenderer::terrain_stats() const {
  return {terrain_.layout().size, terrain_.layout().levels > 1, terrain_.vertices(), terrain_.triangles()};
}

void SceneRenderer::build_bounds(float floor_level, Theme theme) {
  bounds_floor_ = floor_level;
  bounds_theme_ = theme;
  const Domain& d = mapping_.domain();
  const glm::vec3 lo = mapping_.world({d.x_min, d.y_min}, 0.0);
  const glm::vec3 hi = mapping_.world({d.x_max, d.y_max}, 0.0);
  // Just under the terrain's lowest point; or, over the floor's contour map, just on it.
  const float floor_y = floor_level + (floor_level < 0.0f ? 0.003f : -0.004f), top_y = mapping_.height_scale();
  std::vector<float> v;
  const glm::vec4 grid_colour = theme_colours(theme).grid;
  const glm::vec4 box_colour = theme_colours(theme).box;
  // Floor grid on round domain values, so a student can read coordinates off it (the overlay's
  // axes label these very lines).
  const double step = floor_grid_step(d);
  for (double x : multiples_in(d.x_min, d.x_max, step)) {
    const float wx = mapping_.world({x, d.y_min}, 0.0).x;
    push_line(v, {wx, floor_y, lo.z}, {wx, floor_y, hi.z}, grid_colour);
  }
  for (double y : multiples_in(d.y_min, d.y_max, step)) {
    const float wz = mapping_.world({d.x_min, y}, 0.0).z;
    push_line(v, {lo.x, floor_y, wz}, {hi.x, floor_y, wz}, grid_colour);
  }
  // Bounding box: floor rectangle, top rectangle, four verticals.
  const glm::vec3 corners[4] = {{lo.x, 0, lo.z}, {hi.x, 0, lo.z}, {hi.x, 0, hi.z}, {lo.x, 0, hi.z}};
  for (int i = 0; i < 4; ++i) {
    glm::vec3 a = corners[i], b = corners[(i + 1) % 4];
    push_line(v, {a.x, floor_y, a.z}, {b.x, floor_y, b.z}, box_colour);
    push_line(v, {a.x, top_y, a.z}, {b.x, top_y, b.z}, box_colour * glm::vec4(1, 1, 1, 0.5f));
    push_line(v, {a.x, floor_y, a.z}, {a.x, top_y, a.z}, box_colour * glm::vec4(1, 1, 1, 0.6f));
  }
  bounds_.upload(v);
}

SceneRenderer::Placement SceneRenderer::place_ball(const CostFunction& cost, glm::dvec2 p, float radius) const {
  const double f = cost.value(p);
  const glm::dvec2 g = cost.gradient(p);
  if (!std::isfinite(f) || !std::isfinite(g.x) || !std::isfinite(g.y)) {
    // Where f is undefined the ball rests on the floor of the box: visible, and never NaN.
    glm::vec3 floor = mapping_.world(p, 0.0);
    floor.y = 0.0f;
    return {floor + glm::vec3(0.0f, radius, 0.0f), floor, glm::vec3(0.0f, 1.0f, 0.0f)};
  }
  const glm::vec3 ground = mapping_.world(p, f), normal = mapping_.world_normal(f, g);
  return {ground + radius * normal, ground, normal};
}

void SceneRenderer::draw_sky(float bottom, float height, Theme theme) {
  // After the opaque terrain, on the far plane: the depth test skips every pixel the terrain
  // already covers (a software renderer would otherwise shade the whole screen twice).
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_FALSE);
  sky_shader_.use();
  sky_shader_.set("u_rows", glm::vec2(bottom, height));
  sky_shader_.set("u_horizon", theme_colours(theme).sky_horizon);
  sky_shader_.set("u_zenith", theme_colours(theme).sky_zenith);
  glBindVertexArray(empty_vao_.id());
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glDepthMask(GL_TRUE);
  glDepthFunc(GL_LESS);
}

void SceneRenderer::append_ribbon(const std::vector<glm::vec3>& points, const std::vector<glm::vec4>& colours,
                                  float half_width, glm::vec3 eye) {
  for (std::size_t i = 1; i < points.size(); ++i) {
    const glm::vec3 a = points[i - 1], b = points[i];
    if (glm::length(b - a) < 1e-7f) continue;
    const glm::vec3 side = glm::normalize(glm::cross(b - a, eye - a)) * half_width;
    if (!std::isfinite(side.x)) continue;
    const glm::vec3 quad[6] = {a - side, a + side, b + side, a - side, b + side, b - side};
    const glm::vec4 quad_colour[6] = {colours[i - 1], colours[i - 1], colours[i],
                                      colours[i - 1], colours[i],     colours[i]};
    for (int k = 0; k < 6; ++k) {
      overlay_vertices_.insert(overlay_vertices_.end(), {quad[k].x, quad[k].y, quad[k].z, quad_colour[k].r,
                                                         quad_colour[k].g, quad_colour[k].b, quad_colour[k].a});
    }
  }
}

void SceneRenderer::append_arrow(const CostFunction& cost, glm::dvec2 from, glm::dvec2 direction, float world_length,
                                 glm::vec4 colour, glm::vec3 eye, const RenderOptions& options, float lift,
                                 float width) {
  const double norm = glm::length(direction);
  if (!(norm > 0.0) || world_length < 1e-4f) return;
  const glm::dvec2 to =
      from + direction / norm * static_cast<double>(world_length / mapping_.world_units_per_domain_unit());
  path_points_.clear();
  append_surface_path(cost, mapping_, from, to, 16, path_points_);
  for (auto& p : path_points_) p.y += lift * options.ball_radius;
  path_colours_.assign(path_points_.size(), colour);
  append_ribbon(path_points_, path_colours_, 0.22f * width * options.ball_radius, eye);
  // The head: a camera-facing triangle past the shaft's end.
  if (path_points_.size() < 2) return;
  const glm::vec3 tip_base = path_points_.back();
  const glm::vec3 along = glm::normalize(tip_base - path_points_[path_points_.size() - 2]);
  const glm::vec3 side = glm::normalize(glm::cross(along, eye - tip_base)) * (0.75f * width * options.ball_radius);
  if (!std::isfinite(side.x) || !std::isfinite(along.x)) return;
  const glm::vec3 tip = tip_base + along * (1.4f * options.ball_radius);
  for (glm::vec3 p : {tip_base - side, tip_base + side, tip}) {
    overlay_vertices_.insert(overlay_vertices_.end(), {p.x, p.y, p.z, colour.r, colour.g, colour.b, colour.a});
  }
}

namespace {

// Arrow length in world units: it saturates, so steep slopes do not shoot off screen and gentle
// ones stay visible (0.1 to 0.4, the terrain spans 2).
float saturate(double x) { return x > 0.0 ? static_cast<float>(0.1 + 0.3 * (1.0 - std::exp(-x))) : 0.0f; }

}  // namespace

void SceneRenderer::append_arrows(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options) {
  const CostFunction& cost = simulation.cost();
  const float units = mapping_.world_units_per_domain_unit();
  for (const Ball& ball : simulation.balls()) {
    if (ball.swarm) continue;  // arrows for thousands of balls would hide the terrain
    const glm::dvec2 at = simulation.display_position(ball);
    if (options.show_gradient) {
      const glm::dvec2 g = cost.gradient(at);
      append_arrow(cost, at, -g, saturate(glm::length(g) / mapping_.typical_slope()),
                   glm::vec4(0.3f, 1.0f, 1.0f, 0.95f), eye, options);
    }
    if (options.show_velocity) {
      const glm::dvec2 v = ball.optimizer->velocity();
      append_arrow(cost, at, v, saturate(10.0 * glm::length(v) * units), glm::vec4(1.0f, 0.35f, 1.0f, 0.95f), eye,
                   options);
    }
    if (options.show_preview && ball.status == BallStatus::running) {
      path_points_.clear();
      append_surface_path(cost, mapping_, at, ball.next_position, 16, path_points_);
      for (auto& p : path_points_) p += glm::vec3(0.0f, 0.3f * options.ball_radius, 0.0f);
      path_colours_.assign(path_points_.size(), glm::vec4(ball.colour, 0.5f));
      append_ribbon(path_points_, path_colours_, 0.12f * options.ball_radius, eye);
    }
  }
}

// The explained ball's next step, term by term (Optimizer::explain, the Step section). The terms
// differ by orders of magnitude and not all in the same units, so each arrow's direction is exact
// and its length saturates as the plain arrows' do, by its units: a gradient-like term against
// the terrain's typical slope (as the -grad f arrow), a step as the velocity arrow, a
// dimensionless direction by its length (about 1 per coordinate); from 0.15 to 0.6 world units
// (the terrain spans 2), longer than the plain arrows, since this ball is the one being looked at.
// Longer is larger only between arrows of the same units; the Step section gives the numbers.
// Terms often point the same way (Adam's -g, -m and step early on), so each arrow floats a little
// higher than the one before and is narrower: parallel arrows stack in a side view and show as
// nested stripes from above, instead of hiding each other.
const Ball* explained_ball(const Simulation& simulation, std::size_t selected) {
  const auto& balls = simulation.balls();
  if (selected < balls.size() && !balls[selected].swarm) return &balls[selected];
  for (const Ball& ball : balls) {
    if (!ball.swarm) return &ball;
  }
  return nullptr;
}

void SceneRenderer::append_term_arrows(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options) {
  const Ball* explained = explained_ball(simulation, options.explained_ball);
  if (!explained || explained->status != BallStatus::running) return;
  const Ball& ball = *explained;
  const CostFunction& cost = simulation.cost();
  const StepExplanation explanation = simulation.explain_next_step(ball);
  const glm::dvec2 at = simulation.display_position(ball);
  float lift = 0.6f;
  float width = 1.0f + 0.3f * static_cast<float>(explanation.arrows.size() - 1);
  for (const TermArrow& arrow : explanation.arrows) {
    const double size = glm::length(arrow.vector);
    const double scaled = arrow.units == TermUnits::gradient   ? size / mapping_.typical_slope()
                          : arrow.units == TermUnits::position ? 10.0 * size * mapping_.world_units_per_domain_unit()
                                                               : size;
    float length = scaled > 0.0 ? static_cast<float>(0.15 + 0.45 * (1.0 - std::exp(-scaled))) : 0.0f;
    // One that joins two points (arrow.start) is drawn from its start at its true length.
    if (arrow.start) length = static_cast<float>(size * mapping_.world_units_per_domain_unit());
    append_arrow(cost, arrow.start.value_or(at), arrow.vector, length, glm::vec4(term_colour(arrow.role), 0.95f), eye,
                 options, lift, width);
    lift += 0.7f;
    width -= 0.3f;
  }
}

ClipBox SceneRenderer::clip_box(const RenderOptions& options) const {
  // The bounding box, a ball's width wider, so a ball resting on the edge is drawn whole.
  const Domain& d = mapping_.domain();
  const glm::vec3 a = mapping_.world({d.x_min, d.y_max}, 0.0), b = mapping_.world({d.x_max, d.y_min}, 0.0);
  const float margin = 2.0f * options.ball_radius;
  return {glm::vec3(a.x - margin, -1e9f, a.z - margin),
          glm::vec3(b.x + margin, mapping_.height_scale() + margin, b.z + margin)};
}

void SceneRenderer::collect_balls(const Simulation& simulation, const RenderOptions& options) {
  solid_balls_.clear();
  swarm_balls_.clear();
  ghost_balls_.clear();
  on_top_balls_.clear();
  ball_shadows_.clear();
  shadow_cells_.clear();
  swarm_cells_.clear();
  // A swarm beyond kLargestBallSwarm looks the same wherever it runs (the GPU: gpu_swarm.vert;
  // the CPU's lanes; Ball members, for a method without lanes): grains on the way, a ball a pile
  // at rest, no shadows (a million would be a grey sheet). Smaller swarms keep their balls,
  // shadows and trails.
  const std::size_t members = simulation.swarm_size();
  const bool big = swarm_beyond_balls(members);
  const float swarm_radius = swarm_ball_radius(members), grain = big_swarm_ball_radius(members);
  const auto member_radius = [&](std::int32_t minimum) { return !big || minimum >= 0 ? swarm_radius : grain; };
  const bool member_shadows = options.show_shadows && !big;
  // Beyond kLargestSwarmOfBalls members are points, and only those at rest go through the cells:
  // the piles in the minima, the thousands that lie on one another. A member on its way is a grain
  // a pixel or two wide, and one within a sixteenth of its radius of another (a hundredth of a
  // pixel) is there too rarely to pay for the check, as the GPU, which draws every member, shows.
  swarm_points_ = members > kLargestSwarmOfBalls;
  for (const Ball& ball : simulation.balls()) {
    const float radius = ball.swarm ? member_radius(ball.minimum) : options.ball_radius;
    add_ball(simulation.cost(), simulation.display_position(ball), radius, ball_display_colour(ball),
             ball.swarm ? member_sprite(ball.status) : Sprite::ball,
             ball.swarm ? member_shadows : options.show_shadows);
    if (!ball.swarm) add_companions(simulation, ball, radius);
    if (options.show_preview && !ball.swarm && ball.status == BallStatus::running) {
      const glm::vec3 ghost = ball_centre(simulation.cost(), ball.next_position, radius);
      ghost_balls_.push_back({ghost, radius, glm::vec4(ball.colour, 0.35f)});
    }
  }
  // A swarm in the CPU's lanes: its members placed as Ball members are (between two steps too),
  // add_ball's way but a batch at a time (SpriteCells::prefetch). The lanes hold only swarms
  // beyond kLargestBallSwarm, which cast no shadows.
  if (const auto* lanes = dynamic_cast<const LaneSwarm*>(simulation.swarm_accelerator())) {
    simulation.swarm_counts();  // names the minima of members that stopped since: their colours
    lanes->read(lane_members_);
    struct Placed {
      BallInstance ball;
      std::uint64_t cell;
      bool checked;  // goes through swarm_cells_
    };
    constexpr std::size_t kBatch = 32;
    std::array<Placed, kBatch> batch;
    for (std::size_t first = 0; first < lane_members_.size(); first += kBatch) {
      const std::size_t n = std::min(kBatch, lane_members_.size() - first);
      for (std::size_t i = 0; i < n; ++i) {
        const LaneSwarm::Member& m = lane_members_[first + i];
        const float radius = member_radius(m.minimum);
        const glm::vec3 colour = swarm_member_colour(m.minimum);
        const glm::vec3 centre =
            place_ball(simulation.cost(), simulation.display_position(m.previous, m.point.position), radius).centre;
        Placed& placed = batch[i];
        placed = {{centre, radius, glm::vec4(colour, 1.0f)}, 0, member_sprite(m.status) == Sprite::member};
        if (placed.checked) {
          placed.cell = SpriteCells::key(centre, radius, kSwarmCellsPerRadius, SpriteCells::rgb565(colour));
          swarm_cells_.prefetch(placed.cell);
        }
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (!batch[i].checked || swarm_cells_.first(batch[i].cell)) swarm_balls_.push_back(batch[i].ball);
      }
    }
  }
  if (options.show_markers) {
    for (const MinimumMarker& m : minimum_markers(simulation, mapping_, options.ball_radius)) {
      solid_balls_.push_back({m.head, m.head_radius, glm::vec4(m.colour, 1.0f)});
    }
  }
}

void SceneRenderer::add_ball(const CostFunction& cost, glm::dvec2 at, float radius, glm::vec3 colour, Sprite sprite,
                             bool shadow) {
  const Placement place = place_ball(cost, at, radius);
  const bool swarm = sprite != Sprite::ball;
  if (!swarm) {
    solid_balls_.push_back({place.centre, radius, glm::vec4(colour, 1.0f)});
  } else if (sprite == Sprite::grain ||
             swarm_cells_.first_in_cell(place.centre, radius, kSwarmCellsPerRadius, SpriteCells::rgb565(colour))) {
    swarm_balls_.push_back({place.centre, radius, glm::vec4(colour, 1.0f)});
  }
  // Shadows darken where they overlap: the hundreds of swarm members resting in one minimum
  // would pile theirs into a black blot. One shadow per cell half a ball wide is enough.
  if (shadow && shadow_cells_.first_in_cell({place.ground.x, 0.0f, place.ground.z}, radius, 2.0f)) {
    // On the surface as drawn: a patch drawn coarser may lie a little above f (a linear mesh
    // does in every valley), and would cover a shadow lying on f itself.
    const float lift = terrain_.drawn_error({place.ground.x, place.ground.z});
    ball_shadows_.push_back({place.ground + glm::vec3(0.0f, lift, 0.0f), radius, place.normal, swarm ? 0.45f : 0.6f});
  }
}

// What the ball's method keeps besides the ball (Optimizer::companions), each kind its own look:
// ASGD's averaged point and Lookahead's slow weights as a paler, smaller ball; L-BFGS's evaluations
// in its last step, Nelder-Mead's simplex vertices and SAM's ascent point as small dots (the
// simplex's edges are overlays: append_simplex_edges; the lines joining companions:
// append_companion_lines); Schedule-Free's base iterate z as a smaller, darker ball and its average
// x (the answer) as a small white one. All see-through, drawn after everything solid, and one on
// the ball itself is hidden inside it, but x: it is seldom more than a ball's width from the ball
// (y, a tenth of the way from x to z with the default beta), so it is drawn on top, seen through
// the ball.
void SceneRenderer::add_companions(const Simulation& simulation, const Ball& ball, float radius) {
  using Kind = Optimizer::Companion::Kind;
  struct Look {
    float size;        // times the ball's radius
    glm::vec3 toward;  // mixed into the ball's colour...
    float amount;      // ...this much
    float alpha;
  };
  const auto look = [](Kind kind) -> Look {
    switch (kind) {
      case Kind::averaged:
      case Kind::slow: return {0.75f, glm::vec3(1.0f), 0.45f, 0.7f};
      case Kind::schedule_free_x: return {0.45f, glm::vec3(1.0f), 0.8f, 0.9f};
      case Kind::schedule_free_z: return {0.5f, glm::vec3(0.0f), 0.35f, 0.9f};
      case Kind::ascent: return {0.4f, glm::vec3(1.0f), 0.2f, 0.8f};
      case Kind::checkpoint: return {0.3f, kTrainingPathColour, 1.0f, 0.95f};
      case Kind::evaluated:
      case Kind::simplex_vertex: break;
    }
    return {0.3f, glm::vec3(1.0f), 0.2f, 0.8f};
  };
  for (const Optimizer::Companion& companion : ball.optimizer->companions()) {
    // A method's state may have run off to infinity where the ball stopped as diverged.
    if (!std::isfinite(companion.position.x) || !std::isfinite(companion.position.y)) continue;
    const Look l = look(companion.kind);
    const float size = radius * l.size;
    auto& list = companion.kind == Kind::schedule_free_x ? on_top_balls_ : ghost_balls_;
    list.push_back({ball_centre(simulation.cost(), companion.position, size), size,
                    glm::vec4(glm::mix(ball.colour, l.toward, l.amount), l.alpha)});
  }
}

// Thin lines along the surface that say which companion belongs with what: Lookahead's slow
// weights and SAM's ascent point joined to the ball; Schedule-Free's base iterate z joined to its
// average x (the ball y lies on that line, a tenth of the way from x with the default beta).
void SceneRenderer::append_companion_lines(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options) {
  using Kind = Optimizer::Companion::Kind;
  const CostFunction& cost = simulation.cost();
  const auto finite = [](glm::dvec2 p) { return std::isfinite(p.x) && std::isfinite(p.y); };
  const auto line = [&](glm::dvec2 from, glm::dvec2 to, int points, float lift, glm::vec4 colour, float width) {
    path_points_.clear();
    append_surface_path(cost, mapping_, from, to, points, path_points_);
    for (auto& p : path_points_) p += glm::vec3(0.0f, lift * options.ball_radius, 0.0f);
    path_colours_.assign(path_points_.size(), colour);
    append_ribbon(path_points_, path_colours_, width * options.ball_radius, eye);
  };
  for (const Ball& ball : simulation.balls()) {
    if (ball.swarm) continue;
    const glm::dvec2 at = simulation.display_position(ball);
    std::optional<glm::dvec2> x, z;
    for (const Optimizer::Companion& companion : ball.optimizer->companions()) {
      if (!finite(companion.position)) continue;
      if (companion.kind == Kind::schedule_free_x) x = companion.position;
      if (companion.kind == Kind::schedule_free_z) z = companion.position;
      if (companion.kind == Kind::slow || companion.kind == Kind::ascent) {
        line(at, companion.position, 16, 0.5f, glm::vec4(glm::mix(ball.colour, glm::vec3(1.0f), 0.3f), 0.8f), 0.1f);
      }
    }
    if (x && z) line(*z, *x, 32, 0.3f, glm::vec4(ball.colour, 0.6f), 0.06f);
  }
}

// Nelder-Mead's simplex as a triangle lying on the terrain: each edge follows the surface (as an
// arrow's shaft does), in the ball's colour, lifted as far as the preview path.
void SceneRenderer::append_simplex_edges(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options) {
  for (const Ball& ball : simulation.balls()) {
    if (ball.swarm) continue;
    std::vector<glm::dvec2> vertices;
    for (const Optimizer::Companion& companion : ball.optimizer->companions()) {
      if (companion.kind == Optimizer::Companion::Kind::simplex_vertex) vertices.push_back(companion.position);
    }
    if (vertices.size() < 2) continue;
    for (std::size_t i = 0; i < vertices.size(); ++i) {
      path_points_.clear();
      append_surface_path(simulation.cost(), mapping_, vertices[i], vertices[(i + 1) % vertices.size()], 16,
                          path_points_);
      for (auto& p : path_points_) p += glm::vec3(0.0f, 0.3f * options.ball_radius, 0.0f);
      path_colours_.assign(path_points_.size(), glm::vec4(ball.colour, 0.85f));
      append_ribbon(path_points_, path_colours_, 0.14f * options.ball_radius, eye);
    }
  }
}

// A replayed training path, whole from the start: a thin line lying on the terrain from each
// checkpoint to the next (following the surface between them, lifted as the simplex's edges are),
// so the ball is seen stepping along the path it will take.
void SceneRenderer::append_training_paths(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options) {
  for (const Ball& ball : simulation.balls()) {
    const PathReplay* replay = ball.swarm ? nullptr : as_replay(*ball.optimizer);
    if (!replay || replay->path().points.size() < 2) continue;
    path_points_.clear();
    const std::vector<glm::dvec2>& points = replay->path().points;
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {  // each segment from where the last ended
      append_surface_path(simulation.cost(), mapping_, points[i], points[i + 1], 64, path_points_);
    }
    for (auto& p : path_points_) p += glm::vec3(0.0f, 0.3f * options.ball_radius, 0.0f);
    path_colours_.assign(path_points_.size(), glm::vec4(kTrainingPathColour, 0.9f));
    append_ribbon(path_points_, path_colours_, 0.09f * options.ball_radius, eye);
  }
}

void SceneRenderer::append_markers(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options) {
  for (const MinimumMarker& m : minimum_markers(simulation, mapping_, options.ball_radius)) {
    if (glm::length(m.head - m.ground) < 2.0f * m.head_radius) continue;  // a dot: no stick
    path_points_ = {m.ground, m.head};
    path_colours_.assign(2, glm::vec4(m.colour, 0.9f));
    append_ribbon(path_points_, path_colours_, 0.12f * options.ball_radius, eye);
  }
}

void SceneRenderer::set_line_uniforms(const ShaderProgram& shader, int picture_height) const {
  // Lines keep their share of the picture at any size: 1 px at 720p, 1.5 at 1080p, 3 at 4K.
  shader.set("u_line_width_px", std::max(1.0f, 1.5f * static_cast<float>(picture_height) / 1080.0f));
  const ContourLevels levels = contour_levels(mapping_);
  shader.set("u_contour_levels", glm::vec3(static_cast<float>(levels.first), static_cast<float>(levels.spacing),
                                           static_cast<float>(levels.count)));
  // The finest grid's lines, also over patches drawn coarser: a net of even squares on the
  // surface, where the drawn triangles would be a patchwork that changes as the camera moves.
  const WireframeGrid grid = wireframe_grid(mapping_, terrain_.layout().size);
  shader.set("u_world_to_grid", glm::vec4(grid.origin, grid.scale));
}

void SceneRenderer::draw_terrain(const TerrainLook& look, const glm::mat4& view_projection, glm::vec3 eye,
                                 const RenderOptions& options, int picture_height, const LodView& lod) {
  const ShaderProgram* program = terrain_programs_.get(look);
  if (!program) return;  // this look failed to compile: reload_changed_shaders() says why
  const ShaderProgram& shader = *program;
  shader.use();
  shader.set("u_view_projection", view_projection);
  shader.set("u_floor_y", floor_y(options));
  shader.set("u_eye", eye);
  shader.set("u_light_dir", kLightDirection);
  shader.set("u_height_scale", mapping_.height_scale());
  set_line_uniforms(shader, picture_height);
  const std::optional<float> opacity = basin_map_opacity(options);
  const bool overlay = opacity && has_basin_overlay_;
  shader.set("u_basin_opacity", overlay ? std::clamp(*opacity, 0.0f, 1.0f) : 0.0f);
  if (overlay) {
    // The map's top row is y = YMAX, which is the far (smallest z) edge of the terrain.
    const Domain& d = mapping_.domain();
    const glm::vec3 near_left = mapping_.world({d.x_min, d.y_max}, 0.0);
    const glm::vec3 far_right = mapping_.world({d.x_max, d.y_min}, 0.0);
    shader.set("u_world_to_map", glm::vec4(near_left.x, near_left.z, 1.0f / (far_right.x - near_left.x),
                                           1.0f / (far_right.z - near_left.z)));
    shader.set("u_basins", 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, basin_texture_.id());
  }
  // Pull the terrain back a hair in depth so lines and trails on it never flicker.
  glEnable(GL_POLYGON_OFFSET_FILL);
  glPolygonOffset(1.0f, 1.0f);
  terrain_.draw(lod);
  glDisable(GL_POLYGON_OFFSET_FILL);
  glBindTexture(GL_TEXTURE_2D, 0);
}

namespace {

// A tile's projection: the whole picture's, scaled and shifted so the tile fills the viewport.
glm::mat4 tile_view_projection(const OrbitCamera& camera, int width, int height, const PictureTile& part) {
  const float w = static_cast<float>(std::max(width, 1)), h = static_cast<float>(std::max(height, 1));
  const float tw = static_cast<float>(part.width), th = static_cast<float>(part.height);
  glm::mat4 to_tile(1.0f);
  to_tile[0][0] = w / tw;
  to_tile[1][1] = h / th;
  to_tile[3][0] = (w - 2.0f * static_cast<float>(part.x) - tw) / tw;
  to_tile[3][1] = (h - 2.0f * static_cast<float>(part.y) - th) / th;
  return to_tile * camera.projection(w / h) * camera.view();
}

}  // namespace

void SceneRenderer::render(const Simulation& simulation, const OrbitCamera& camera, int width, int height,
                           const RenderOptions& options, const PictureTile* tile) {
  const PictureTile whole{0, 0, width, height};
  const PictureTile& part = tile ? *tile : whole;
  glViewport(0, 0, part.width, part.height);
  glClearColor(0.0f, 0.0f, 0.0f, options.transparent_background ? 0.0f : 1.0f);
  // The sky writes every pixel nothing else covers (draw_sky), so the colours need no clearing
  // when it is drawn: on a GPU a multisampled clear is a full-screen pass, a fifth of a frame.
  const bool sky = !options.transparent_background && terrain_programs_.ready();
  glClear(GL_DEPTH_BUFFER_BIT | (sky ? 0u : GL_COLOR_BUFFER_BIT));
  mark("clear");
  if (!terrain_programs_.ready()) return;
  // A view that draws the heights another way (ViewSettings::height) needs another mesh.
  if (built_for_ != TerrainBuild::of(options)) {
    rebuild_surface(simulation.cost(), options);
  }
  if (bounds_floor_ != floor_y(options) || bounds_theme_ != options.theme)
    build_bounds(floor_y(options), options.theme);
  const float h = static_cast<float>(std::max(height, 1));
  const glm::mat4 view_projection = tile_view_projection(camera, width, height, part);
  const glm::vec3 eye = camera.eye();
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  // The opaque ground first, unblended (blending reads every pixel back: on a software renderer
  // that is a good part of the terrain's cost), then the sky only where nothing covers it.
  glDisable(GL_BLEND);
  // Levels of detail for the whole picture, not the tile: every tile draws the same triangles.
  // The floor map takes the terrain's: laid flat, a level moves its lines less than upright.
  const LodView lod = lod_view(camera, height, options.colour_by == ColourBy::slope);
  draw_terrain(terrain_look(options), view_projection, eye, options, height, lod);
  if (options.show_floor_map) draw_terrain(floor_map_look(options), view_projection, eye, options, height, lod);
  mark("terrain");
  if (sky) {
    draw_sky(static_cast<float>(part.y) / h, static_cast<float>(part.height) / h, options.theme);
  }
  mark("sky");

  glEnable(GL_BLEND);
  // Colour blends as usual; alpha composites "over" (a + (1 - a) dst), so an opaque frame stays
  // opaque where translucent trails cross it: a PNG shows the same picture on any background.
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  if (options.show_bounds) {
    line_shader_.use();
    line_shader_.set("u_view_projection", view_projection);
    bounds_.draw(GL_LINES);
  }
  mark("grid and box");

  draw_balls_and_overlays(simulation, view_projection, eye, options);
  glDisable(GL_BLEND);
}

void SceneRenderer::draw_balls_and_overlays(const Simulation& simulation, const glm::mat4& view_projection,
                                            const glm::vec3& eye, const RenderOptions& options) {
  // Solid first (balls, swarm, marker heads), then everything translucent over them.
  const ClipBox box = clip_box(options);
  collect_balls(simulation, options);
  shadows_.draw(ball_shadows_, view_projection, kLightDirection, box);
  mark("shadows");
  // The swarm first: its members were drawn before the minima's marker heads that sit over their
  // piles, and a soft edge drawn first (it writes depth) would cut a ring out of a ball behind it.
  balls_.draw(swarm_balls_, view_projection, eye, kLightDirection, box,
              swarm_points_ ? BallRenderer::Pass::swarm_points : BallRenderer::Pass::swarm);
  balls_.draw(solid_balls_, view_projection, eye, kLightDirection, box, BallRenderer::Pass::solid);
  draw_gpu_swarm(simulation, view_projection, eye, box);
  mark("balls");
  if (options.show_trails) {
    trails_.update(simulation, mapping_, options.ball_radius, box, options.show_floor_map);
    trails_.draw(view_projection, eye);
    if (options.show_floor_map) trails_.draw(view_projection, eye, floor_y(options));
  }
  mark("trails");
  overlay_vertices_.clear();
  if (options.show_markers) append_markers(simulation, eye, options);
  append_simplex_edges(simulation, eye, options);
  append_training_paths(simulation, eye, options);
  if (options.show_gradient || options.show_velocity || options.show_preview) append_arrows(simulation, eye, options);
  append_companion_lines(simulation, eye, options);
  if (options.show_terms) append_term_arrows(simulation, eye, options);
  if (!overlay_vertices_.empty()) {
    overlays_.upload(overlay_vertices_);
    line_shader_.use();
    line_shader_.set("u_view_projection", view_projection);
    glDepthMask(GL_FALSE);  // translucent: blend over everything already drawn
    overlays_.draw(GL_TRIANGLES);
    glDepthMask(GL_TRUE);
  }
  // Ghosts last, without depth writes, so they never hide a ball.
  balls_.draw(ghost_balls_, view_projection, eye, kLightDirection, box, BallRenderer::Pass::ghost);
  balls_.draw(on_top_balls_, view_projection, eye, kLightDirection, box, BallRenderer::Pass::on_top);
  mark("arrows, pins, ghosts");
}

}  // namespace losscape
