#pragma once
// Every ball's trail, drawn by the GPU from rings of points on the surface that it keeps per
// ball. Each frame only the solver steps taken since the last frame are added and uploaded, so
// a thousand balls' trails cost kilobytes a frame, not megabytes of ribbons built on the CPU;
// shaders/trail.vert turns the points into ribbons that face the eye and fade with age.
#include "engine/math/simulation.hpp"
#include "engine/render/ball_renderer.hpp"
#include "engine/render/gl_resources.hpp"
#include "engine/render/shader.hpp"
#include "engine/render/terrain_mapping.hpp"

#include <optional>
#include <string>
#include <vector>

namespace losscape {

class TrailRenderer {
 public:
  TrailRenderer();
  std::string init();
  ShaderProgram& shader() { return shader_; }

  // Forget every ring (the terrain changed, so every point moved).
  void clear() { tracks_.clear(); }
  // Brings the rings up to date with the simulation and notes where each ball is drawn now.
  // `ball_radius` and `swarm_radius` set the ribbons' widths.
  void update(const Simulation& simulation, const TerrainMapping& mapping, float ball_radius, float swarm_radius);
  // `floor_y`: the paths laid flat at that height (on the floor's contour map) instead.
  void draw(const glm::mat4& view_projection, glm::vec3 eye, float ball_radius, const ClipBox& box,
            std::optional<float> floor_y = std::nullopt);

 private:
  struct Track {
    std::uint64_t run = 0;   // the ball's run this ring shows
    std::size_t pushed = 0;  // the ball's trail points already in the ring (Trail::pushed)
    std::uint32_t offset = 0, capacity = 0;
    std::uint32_t head = 0;  // next write, relative to offset
    std::uint32_t count = 0;
    std::uint32_t last_pieces = 0;  // points the newest solver step added
    int max_pieces = 1;
    bool swarm = false;
  };
  void lay_out(const std::vector<Ball>& balls);
  void rebuild(Track& track, const Ball& ball, const CostFunction& cost, const TerrainMapping& mapping);
  void add_step(Track& track, glm::dvec2 from, glm::dvec2 to, const CostFunction& cost, const TerrainMapping& mapping);
  void push(Track& track, glm::vec3 point);

  ShaderProgram shader_;
  gl::VertexArray vao_;  // per-ball attributes only: the points come from the buffer texture
  gl::Buffer points_buffer_, tracks_buffer_;
  gl::Texture points_texture_;
  std::vector<Track> tracks_;                    // one per ball, in the simulation's order
  std::vector<glm::vec4> points_;                // the CPU copy of every ring
  std::size_t dirty_begin_ = 0, dirty_end_ = 0;  // points to upload
  bool reallocate_ = true;
  std::vector<glm::vec4> track_texels_;  // per frame, 3 per ball: ordinary balls first, then the swarm
  std::size_t ordinary_ = 0, swarm_ = 0;
  int ordinary_pieces_ = 0, swarm_pieces_ = 0;  // the longest visible trail in each group
  std::vector<glm::vec3> scratch_;
};

}  // namespace losscape
