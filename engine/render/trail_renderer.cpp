#include "engine/render/trail_renderer.hpp"

#include "engine/render/basin_palette.hpp"
#include "engine/render/path_simplify.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace losscape {
namespace {

// World points kept per ordinary ball: its 2048 solver steps, each cut into up to 16 pieces to
// follow the surface, would need 32768; steps that long are rare, and the oldest fall off first.
constexpr std::uint32_t kOrdinaryCapacity = 16384;
constexpr int kOrdinaryPieces = 16;
constexpr int kSwarmPieces = 1;  // swarm steps are short, and there are thousands of them
// A swarm's trail lines pass within this of every point of its path: a thousandth of the
// terrain's width (2), under a pixel unless the view is zoomed in far.
constexpr float kSwarmTolerance = 0.002f;
constexpr float kFadeOldest = 0.15f;
// How far above the surface trails are drawn, and above the floor's map, in ball radii.
constexpr float kSurfaceLift = 0.25f, kFloorLift = 0.05f;

// The pieces of path drawn: between the visible ring points, and on to the ball when it is drawn
// beyond them (`tip`'s w > 0). As trail.vert counts them.
int drawn_pieces(std::uint32_t visible, glm::vec4 tip) {
  return static_cast<int>(visible) - 1 + (tip.w > 0.0f ? 1 : 0);
}

}  // namespace

TrailRenderer::TrailRenderer()
#ifdef __EMSCRIPTEN__
    : shader_("trail.vert", "trail.frag", "#define POINTS_PER_ROW " + std::to_string(kPointsPerRow) + "\n"),
#else
    : shader_("trail.vert", "trail.frag"),
#endif
      swarm_shader_("swarm_trail.vert", "line.frag") {
}

Status TrailRenderer::init() {
  if (Status loaded = shader_.load(); !loaded) return loaded;
  if (Status loaded = swarm_shader_.load(); !loaded) return loaded;
  vao_ = gl::make_vertex_array();
  points_buffer_ = gl::make_buffer();
  tracks_buffer_ = gl::make_buffer();
  points_texture_ = gl::make_texture();
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, tracks_buffer_.id());
  for (GLuint a = 0; a < 3; ++a) {
    glEnableVertexAttribArray(a);
    glVertexAttribPointer(a, 4, GL_FLOAT, GL_FALSE, 3 * sizeof(glm::vec4),
                          reinterpret_cast<const void*>(a * sizeof(glm::vec4)));
    glVertexAttribDivisor(a, 1);  // per ball
  }
  swarm_vao_ = gl::make_vertex_array();
  swarm_buffer_ = gl::make_buffer();
  glBindVertexArray(swarm_vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, swarm_buffer_.id());
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(LineVertex),
                        reinterpret_cast<const void*>(offsetof(LineVertex, position)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(LineVertex),
                        reinterpret_cast<const void*>(offsetof(LineVertex, colour)));
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  return {};
}

#ifdef __EMSCRIPTEN__
// WebGL2 has no buffer textures: the ordinary balls' points are rows of a 2D float texture,
// kPointsPerRow wide (trail.vert's point_at). Uploads the changed points, or all after a lay-out.
void TrailRenderer::upload_point_rows() {
  glBindTexture(GL_TEXTURE_2D, points_texture_.id());
  std::size_t begin = dirty_begin_, end = dirty_end_;
  if (reallocate_) {
    const auto rows = static_cast<GLsizei>(std::max<std::size_t>((gpu_points_ + kPointsPerRow - 1) / kPointsPerRow, 1));
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, static_cast<GLsizei>(kPointsPerRow), rows, 0, GL_RGBA, GL_FLOAT,
                 nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    begin = 0;
    end = gpu_points_;
    reallocate_ = false;
  }
  while (begin < end) {  // one row, or the part of one that changed, at a time
    const std::size_t row = begin / kPointsPerRow, column = begin % kPointsPerRow;
    const std::size_t count = std::min(end - begin, kPointsPerRow - column);
    glTexSubImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(column), static_cast<GLint>(row), static_cast<GLsizei>(count),
                    1, GL_RGBA, GL_FLOAT, &points_[begin]);
    begin += count;
  }
  glBindTexture(GL_TEXTURE_2D, 0);
}
#endif

void TrailRenderer::lay_out(const std::vector<Ball>& balls) {
  tracks_.assign(balls.size(), Track{});
  std::uint32_t offset = 0;
  // Ordinary balls first (one instanced draw of ribbons), then the swarm (its rings stay on the CPU).
  for (bool swarm : {false, true}) {
    for (std::size_t i = 0; i < balls.size(); ++i) {
      if (balls[i].swarm != swarm) continue;
      Track& t = tracks_[i];
      t.swarm = swarm;
      t.max_pieces = swarm ? kSwarmPieces : kOrdinaryPieces;
      const std::size_t wanted = balls[i].trail.capacity() * static_cast<std::size_t>(t.max_pieces) + 1;
      // No ring for a ball that keeps no trail (a big swarm's members: Simulation::add_swarm).
      t.capacity =
          balls[i].trail.capacity() == 0
              ? 0
              : static_cast<std::uint32_t>(std::clamp<std::size_t>(wanted, 2, swarm ? wanted : kOrdinaryCapacity));
      t.offset = offset;
      offset += t.capacity;
    }
    if (!swarm) gpu_points_ = offset;
  }
  points_.assign(offset, glm::vec4(0.0f));
  reallocate_ = true;
}

void TrailRenderer::push(Track& track, glm::vec3 point) {
  const std::size_t at = track.offset + track.head;
  points_[at] = glm::vec4(point, 1.0f);
  if (at < gpu_points_) {
    dirty_begin_ = std::min(dirty_begin_, at);
    dirty_end_ = std::max(dirty_end_, at + 1);
  }
  track.head = (track.head + 1) % track.capacity;
  track.count = std::min(track.count + 1, track.capacity);
  ++track.changes;
}

glm::vec3 TrailRenderer::ring_point(const Track& track, std::uint32_t k) const {
  return glm::vec3(points_[track.offset + (track.oldest() + k) % track.capacity]);
}

void TrailRenderer::add_swarm_lines(Track& track, std::uint32_t visible, glm::vec4 tip, glm::vec3 colour) {
  const int pieces = drawn_pieces(visible, tip);
  if (pieces <= 0) return;
  if (track.simplified_at != track.changes) {
    scratch_.resize(track.count);
    for (std::uint32_t k = 0; k < track.count; ++k) scratch_[k] = ring_point(track, k);
    simplify_path(scratch_, kSwarmTolerance, track.kept);
    track.simplified_at = track.changes;
  }
  // Alpha as the ribbons fade (trail.vert): from kFadeOldest at the oldest point to 1 at the ball.
  const glm::u8vec3 rgb(glm::round(255.0f * colour));
  const auto vertex = [&](glm::vec3 position, int here) {
    const float alpha = kFadeOldest + (1.0f - kFadeOldest) * static_cast<float>(here) / static_cast<float>(pieces + 1);
    return LineVertex{position, glm::u8vec4(rgb, static_cast<std::uint8_t>(std::round(255.0f * alpha)))};
  };
  // Segments through the kept points the ball has passed, then to where it is drawn now.
  std::optional<LineVertex> previous;
  const auto add = [&](const LineVertex& v) {
    if (previous) add_swarm_segment(*previous, v);
    previous = v;
  };
  std::uint32_t last = 0;
  for (const std::uint32_t k : track.kept) {
    if (k >= visible) break;
    add(vertex(ring_point(track, k), static_cast<int>(k)));
    last = k;
  }
  if (tip.w > 0.0f) {
    add(vertex(glm::vec3(tip), pieces));
  } else if (last + 1 < visible) {
    add(vertex(ring_point(track, visible - 1), static_cast<int>(visible) - 1));
  }
}

// A swarm's segments are clipped to the box here, not tested pixel by pixel as the ribbons are
// (trail.frag): on a software renderer that test was a fifth of the cost of 10,000 balls' trails.
// Drawn lifted (draw's u_lift) they are tested at the lifted height, and drawn flat on the floor
// only across (x and z). Once a segment is cut by the height alone (a member beyond the terrain's
// top), the floor gets its own copy of the segments, in the same order (blending depends on it).
void TrailRenderer::add_swarm_segment(const LineVertex& from, const LineVertex& to) {
  const auto in_box = [&](glm::vec3 p) {
    return glm::all(glm::greaterThanEqual(p, swarm_box_.min)) && glm::all(glm::lessThanEqual(p, swarm_box_.max));
  };
  if (in_box(from.position) && in_box(to.position)) {  // nearly every segment: whole, for both draws
    swarm_lines_.insert(swarm_lines_.end(), {from, to});
    if (!floor_lines_.empty()) floor_lines_.insert(floor_lines_.end(), {from, to});
    return;
  }
  const auto at = [&](float t) {
    if (t <= 0.0f) return from;
    if (t >= 1.0f) return to;
    LineVertex v = to;
    v.position = glm::mix(from.position, to.position, t);
    v.colour.a = static_cast<std::uint8_t>(
        std::lround(glm::mix(static_cast<float>(from.colour.a), static_cast<float>(to.colour.a), t)));
    return v;
  };
  const std::optional<glm::vec2> across =
      clip_segment(from.position, to.position, swarm_box_.min, swarm_box_.max, glm::bvec3(true, false, true));
  if (!across) return;
  const std::optional<glm::vec2> inside =
      clip_segment(from.position, to.position, swarm_box_.min, swarm_box_.max, glm::bvec3(true));
  // The floor's own copy starts with the first segment the height cuts, and only where a floor
  // map is drawn.
  const bool floor_own = floor_map_ && (!floor_lines_.empty() || inside != across);
  if (floor_own && floor_lines_.empty()) floor_lines_ = swarm_lines_;
  if (inside) swarm_lines_.insert(swarm_lines_.end(), {at(inside->x), at(inside->y)});
  if (floor_own) floor_lines_.insert(floor_lines_.end(), {at(across->x), at(across->y)});
}

void TrailRenderer::add_step(Track& track, glm::dvec2 from, glm::dvec2 to, const CostFunction& cost,
                             const TerrainMapping& mapping) {
  scratch_.clear();
  scratch_.emplace_back();  // stands for `from`, already in the ring: only the new points are pushed
  append_surface_path(cost, mapping, from, to, track.max_pieces, scratch_);
  for (std::size_t k = 1; k < scratch_.size(); ++k) push(track, scratch_[k]);
  track.last_pieces = static_cast<std::uint32_t>(scratch_.size() - 1);
}

void TrailRenderer::rebuild(Track& track, const Ball& ball, const CostFunction& cost, const TerrainMapping& mapping) {
  track.head = track.count = track.last_pieces = 0;
  ++track.changes;
  track.run = ball.run;
  const Trail& trail = ball.trail;
  if (trail.size() == 0) return;
  scratch_.clear();
  append_surface_path(cost, mapping, trail[0], trail[0], 1, scratch_);
  for (const glm::vec3& p : scratch_) push(track, p);
  for (std::size_t k = 1; k < trail.size(); ++k) add_step(track, trail[k - 1], trail[k], cost, mapping);
}

void TrailRenderer::update(const Simulation& simulation, const TerrainMapping& mapping, float ball_radius,
                           const ClipBox& box, bool floor_map) {
  const std::vector<Ball>& balls = simulation.balls();
  const CostFunction& cost = simulation.cost();
  // (A trail's capacity follows from the swarm's size, so a change of it changes the count too.)
  bool same_shape = tracks_.size() == balls.size();
  for (std::size_t i = 0; same_shape && i < balls.size(); ++i) same_shape = tracks_[i].swarm == balls[i].swarm;
  if (!same_shape) lay_out(balls);

  dirty_begin_ = points_.size();
  dirty_end_ = 0;
  const double t = std::clamp(simulation.interpolation(), 0.0, 1.0);
  track_texels_.clear();
  swarm_lines_.clear();
  floor_lines_.clear();
  box_ = box;
  ball_radius_ = ball_radius;
  floor_map_ = floor_map;
  // The box as the segments' unlifted points meet it on the surface (draw's u_lift).
  swarm_box_ = box;
  swarm_box_.min.y -= kSurfaceLift * ball_radius;
  swarm_box_.max.y -= kSurfaceLift * ball_radius;
  ordinary_pieces_ = 0;
  for (std::size_t i = 0; i < balls.size(); ++i) {
    const Ball& ball = balls[i];
    const bool swarm = ball.swarm;
    Track& track = tracks_[i];
    if (track.capacity == 0) continue;  // no trail kept
    // Only the points since the last frame are new, unless the ball started again.
    const Trail& trail = ball.trail;
    const std::size_t fresh = trail.pushed() - std::min(trail.pushed(), track.pushed);
    const bool rebuilt = track.run != ball.run || trail.pushed() < track.pushed || fresh >= trail.size();
    if (rebuilt) {
      rebuild(track, ball, cost, mapping);
    } else {
      for (std::size_t k = trail.size() - fresh; k < trail.size(); ++k)
        add_step(track, trail[k - 1], trail[k], cost, mapping);
    }
    if ((rebuilt || fresh > 0) && trail.size() > 0) track.newest = trail[trail.size() - 1];
    track.pushed = trail.pushed();

    // The trail ends where the ball is drawn: between its last two solver points when the newest
    // trail point is where it is heading (the newest piece is cut short), or beyond the newest
    // point when it has moved on since (a swarm member records a point per stretch, not per step).
    std::uint32_t visible = track.count;
    glm::vec4 tip(0.0f);
    const bool moving = ball.previous_position != ball.position;
    const bool newest_is_ball = trail.size() > 0 && track.newest == ball.position;
    if (moving || !newest_is_ball) {
      if (moving && newest_is_ball && track.count > track.last_pieces) {
        visible = track.count - track.last_pieces +
                  static_cast<std::uint32_t>(std::floor(t * static_cast<double>(track.last_pieces)));
      }
      const glm::dvec2 at = simulation.display_position(ball);
      const double f = cost.value(at);
      if (std::isfinite(f)) tip = glm::vec4(mapping.world(at, f), 1.0f);
    }
    const glm::vec3 colour = glm::mix(ball_display_colour(ball), glm::vec3(1.0f), swarm ? 0.15f : 0.35f);
    if (swarm) {
      add_swarm_lines(track, visible, tip, colour);
      continue;
    }
    track_texels_.emplace_back(static_cast<float>(track.offset), static_cast<float>(track.capacity),
                               static_cast<float>(track.oldest()), static_cast<float>(visible));
    track_texels_.push_back(tip);
    track_texels_.emplace_back(colour, 0.28f * ball_radius);  // half the ribbon's width
    ordinary_pieces_ = std::max(ordinary_pieces_, drawn_pieces(visible, tip));
  }

#ifdef __EMSCRIPTEN__
  upload_point_rows();
#else
  glBindBuffer(GL_TEXTURE_BUFFER, points_buffer_.id());
  if (reallocate_) {
    glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(std::max<std::size_t>(gpu_points_, 1) * sizeof(glm::vec4)),
                 points_.data(), GL_DYNAMIC_DRAW);
    reallocate_ = false;
  } else if (dirty_begin_ < dirty_end_) {
    glBufferSubData(GL_TEXTURE_BUFFER, static_cast<GLintptr>(dirty_begin_ * sizeof(glm::vec4)),
                    static_cast<GLsizeiptr>((dirty_end_ - dirty_begin_) * sizeof(glm::vec4)), &points_[dirty_begin_]);
  }
  glBindBuffer(GL_TEXTURE_BUFFER, 0);
#endif
  glBindBuffer(GL_ARRAY_BUFFER, tracks_buffer_.id());
  glBufferData(GL_ARRAY_BUFFER,
               static_cast<GLsizeiptr>(std::max<std::size_t>(track_texels_.size(), 1) * sizeof(glm::vec4)),
               track_texels_.data(), GL_STREAM_DRAW);
  // One buffer: the surface's segments, then the floor's own if it has them.
  surface_vertices_ = swarm_lines_.size();
  floor_vertices_ = floor_lines_.size();
  glBindBuffer(GL_ARRAY_BUFFER, swarm_buffer_.id());
  glBufferData(
      GL_ARRAY_BUFFER,
      static_cast<GLsizeiptr>(std::max<std::size_t>(surface_vertices_ + floor_vertices_, 1) * sizeof(LineVertex)),
      nullptr, GL_STREAM_DRAW);
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(surface_vertices_ * sizeof(LineVertex)),
                  swarm_lines_.data());
  glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(surface_vertices_ * sizeof(LineVertex)),
                  static_cast<GLsizeiptr>(floor_vertices_ * sizeof(LineVertex)), floor_lines_.data());
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void TrailRenderer::draw(const glm::mat4& view_projection, glm::vec3 eye, std::optional<float> floor_y) {
  const auto use = [&](const ShaderProgram& shader) {
    shader.use();
    shader.set("u_view_projection", view_projection);
    shader.set("u_lift", glm::vec3(0.0f, (floor_y ? kFloorLift : kSurfaceLift) * ball_radius_, 0.0f));
    shader.set("u_on_floor", floor_y ? 1 : 0);
    shader.set("u_floor_y", floor_y.value_or(0.0f));
  };
  glDepthMask(GL_FALSE);  // translucent: blend over everything solid
  if (shader_.valid() && !track_texels_.empty() && ordinary_pieces_ > 0) {
    use(shader_);
    shader_.set("u_box_min", box_.min);  // the ribbons test each pixel (trail.frag); the lines come clipped
    shader_.set("u_box_max", box_.max);
    shader_.set("u_eye", eye);
    shader_.set("u_fade", kFadeOldest);
    shader_.set("u_points", 0);
    glActiveTexture(GL_TEXTURE0);
#ifdef __EMSCRIPTEN__
    glBindTexture(GL_TEXTURE_2D, points_texture_.id());
#else
    glBindTexture(GL_TEXTURE_BUFFER, points_texture_.id());
    glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA32F, points_buffer_.id());
#endif
    glBindVertexArray(vao_.id());
    glDrawArraysInstanced(GL_TRIANGLES, 0, 6 * ordinary_pieces_, static_cast<GLsizei>(track_texels_.size() / 3));
#ifdef __EMSCRIPTEN__
    glBindTexture(GL_TEXTURE_2D, 0);
#else
    glBindTexture(GL_TEXTURE_BUFFER, 0);
#endif
  }
  if (swarm_shader_.valid() && surface_vertices_ + floor_vertices_ > 0) {
    use(swarm_shader_);
    glBindVertexArray(swarm_vao_.id());
    const bool own = floor_y && floor_vertices_ > 0;
    const std::size_t first = own ? surface_vertices_ : 0;
    const std::size_t count = own ? floor_vertices_ : surface_vertices_;
    if (count > 0) glDrawArrays(GL_LINES, static_cast<GLint>(first), static_cast<GLsizei>(count));
  }
  glBindVertexArray(0);
  glDepthMask(GL_TRUE);
}

}  // namespace losscape
