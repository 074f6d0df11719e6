#pragma once
// Every ball's trail, drawn by the GPU from rings of points on the surface that it keeps per
// ball. Each frame only the solver steps taken since the last frame are added and uploaded, so
// a thousand balls' trails cost kilobytes a frame, not megabytes of ribbons built on the CPU;
// shaders/trail.vert turns the points into ribbons that face the eye and fade with age. A swarm's
// trails are thin lines instead, built on the CPU from its rings with the straight stretches
// merged and clipped to the box (path_simplify.hpp): on a software renderer each line segment
// costs its own set-up, and a test of every pixel against the box a fifth of their pixels' cost.
#include "engine/render/ball_renderer.hpp"
#include "engine/render/gl_resources.hpp"
#include "engine/render/shader.hpp"
#include "engine/render/terrain/terrain_mapping.hpp"
#include "engine/sim/simulation.hpp"

#include <glm/gtc/type_precision.hpp>

#include <optional>
#include <string>
#include <vector>

namespace losscape {

class TrailRenderer {
 public:
  TrailRenderer();
  Status init();
  ShaderProgram& shader() { return shader_; }
  ShaderProgram& swarm_shader() { return swarm_shader_; }

  // Forget every ring (the terrain changed, so every point moved).
  void clear() { tracks_.clear(); }
  // Brings the rings up to date with the simulation and notes where each ball is drawn now.
  // `ball_radius` sets the ribbons' width; `box` is the terrain's (a swarm's trail lines are
  // clipped to it here); `floor_map`: whether the paths are also drawn on the floor this frame.
  // draw() uses the same three.
  void update(const Simulation& simulation, const TerrainMapping& mapping, float ball_radius, const ClipBox& box,
              bool floor_map);
  // `floor_y`: the paths laid flat at that height (on the floor's contour map) instead.
  void draw(const glm::mat4& view_projection, glm::vec3 eye, std::optional<float> floor_y = std::nullopt);

 private:
  struct Track {
    std::uint64_t run = 0;   // the ball's run this ring shows
    std::size_t pushed = 0;  // the ball's trail points already in the ring (Trail::pushed)
    // The newest of them (domain), kept here so that a frame with no new points reads nothing of
    // the trail's own storage: with 10,000 balls, a cache miss each cost 1 ms a frame.
    glm::dvec2 newest{0.0};
    std::uint32_t offset = 0, capacity = 0;
    std::uint32_t head = 0;  // next write, relative to offset
    std::uint32_t count = 0;
    std::uint32_t last_pieces = 0;  // points the newest solver step added
    int max_pieces = 1;
    bool swarm = false;
    std::uint32_t oldest() const { return (head + capacity - count) % capacity; }  // relative to offset
    // Swarm members: which ring points the lines go through (relative to the oldest), worked
    // out again only when the ring has changed since (`changes` counts pushes and rebuilds).
    std::uint32_t changes = 0, simplified_at = ~0u;
    std::vector<std::uint32_t> kept;
  };
  struct LineVertex {
    glm::vec3 position;
    glm::u8vec4 colour;  // rgb, and alpha fading with age
  };
  void lay_out(const std::vector<Ball>& balls);
  void rebuild(Track& track, const Ball& ball, const CostFunction& cost, const TerrainMapping& mapping);
  void add_step(Track& track, glm::dvec2 from, glm::dvec2 to, const CostFunction& cost, const TerrainMapping& mapping);
  void push(Track& track, glm::vec3 point);
  glm::vec3 ring_point(const Track& track, std::uint32_t k) const;  // k = 0: the oldest
  void add_swarm_lines(Track& track, std::uint32_t visible, glm::vec4 tip, glm::vec3 colour);
  void add_swarm_segment(const LineVertex& from, const LineVertex& to);
#ifdef __EMSCRIPTEN__
  static constexpr std::size_t kPointsPerRow = 1024;  // trail.vert's POINTS_PER_ROW
  void upload_point_rows();
#endif

  ShaderProgram shader_, swarm_shader_;
  gl::VertexArray vao_;  // per-ball attributes only: the points come from the buffer texture
  gl::Buffer points_buffer_, tracks_buffer_;
  gl::Texture points_texture_;
  gl::VertexArray swarm_vao_;
  gl::Buffer swarm_buffer_;
  std::vector<Track> tracks_;      // one per ball, in the simulation's order
  std::vector<glm::vec4> points_;  // every ring: the ordinary balls' first (also on the GPU), then the swarm's
  std::size_t gpu_points_ = 0;     // how many of points_ the GPU has: the ordinary balls' rings
  std::size_t dirty_begin_ = 0, dirty_end_ = 0;  // points to upload
  bool reallocate_ = true;
  std::vector<glm::vec4> track_texels_;  // per frame, 3 per ordinary ball
  int ordinary_pieces_ = 0;              // the longest visible ordinary trail
  // Per frame: pairs of vertices, one pair a segment, clipped to the box: the surface's, and the
  // floor's own where the height cut one of them and the floor map is drawn (empty otherwise:
  // the floor then draws the surface's). Uploaded one after the other, the floor's from
  // surface_vertices_.
  std::vector<LineVertex> swarm_lines_;
  std::vector<LineVertex> floor_lines_;
  std::size_t surface_vertices_ = 0, floor_vertices_ = 0;
  // update()'s, for draw(): the terrain's box and the ball radius, the box for the segments'
  // unlifted points, and whether the floor map is drawn.
  ClipBox box_, swarm_box_;
  float ball_radius_ = 0.0f;
  bool floor_map_ = false;
  std::vector<glm::vec3> scratch_;
};

}  // namespace losscape
