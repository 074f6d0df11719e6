#pragma once
// Draws a read-only snapshot of the simulation (terrain, basin overlay, balls and swarms, trails,
// minimum markers, arrows, floor grid, bounding box, sky) into whatever framebuffer is bound:
// the window, an offscreen target, a test.
#include "engine/render/ball_renderer.hpp"
#include "engine/render/camera.hpp"
#include "engine/render/colormap_strips.hpp"
#include "engine/render/gpu_timing.hpp"
#include "engine/render/mesh.hpp"
#include "engine/render/shader.hpp"
#include "engine/render/shadow_renderer.hpp"
#include "engine/render/sprite_cells.hpp"
#include "engine/render/terrain/terrain_lod.hpp"
#include "engine/render/terrain/terrain_mapping.hpp"
#include "engine/render/terrain/terrain_mesh.hpp"
#include "engine/render/terrain/terrain_programs.hpp"
#include "engine/render/trail_renderer.hpp"
#include "engine/scene/scene.hpp"
#include "engine/sim/basins.hpp"
#include "engine/sim/lane_swarm.hpp"
#include "engine/sim/simulation.hpp"

#include <memory>
#include <optional>
#include <string>

namespace losscape {

class GpuSwarmRenderer;  // render/compute/: not in the browser build

// The scene's view settings (what is shown, colours) plus what only the renderer decides.
struct RenderOptions : ViewSettings {
  // Multisampling of the offscreen target. Files always get 4; the window drops to 0 on a
  // software renderer, where 4x costs 2.6x the frame time (86 vs 33 ms at 1080p on llvmpipe).
  int msaa_samples = 4;
  float ball_radius = 0.045f;           // world units (the domain spans 2)
  bool transparent_background = false;  // no sky: a picture to put over a slide's own background
  std::size_t explained_ball = 0;       // whose step the term arrows (show_terms) show: an index into the balls
};

// A part of a larger picture, in pixels from its bottom left corner (as OpenGL counts): drawing a
// tile gives exactly that part of the whole, so pictures larger than the driver's framebuffers
// (or than memory allows at 4x multisampling) are drawn a tile at a time.
struct PictureTile {
  int x = 0, y = 0, width = 0, height = 0;
};

// The floor grid's spacing in domain units: its lines lie on the multiples (1, 2 or 5 times a
// power of ten, about ten across), and the overlay's axes label them.
double floor_grid_step(const Domain& domain);

// The ball whose next step the Step section explains and the term arrows show: the one
// `selected` (RenderOptions::explained_ball) names where that is an ordinary (not swarm) ball,
// else the first ordinary ball (a scene with fewer balls was opened); nullptr where there is none.
const Ball* explained_ball(const Simulation& simulation, std::size_t selected);

// Swarm members are smaller the more there are, so ten thousand still leave the terrain visible.
float swarm_ball_radius(std::size_t swarm_size, float smallest = 0.007f);
// A running member's radius in a swarm beyond kLargestBallSwarm (on the GPU or in the CPU's
// lanes): as a swarm's above, down to a grain a pixel or two wide on a full-HD view, so that a
// million read as sand and the basins show through. One at rest in a minimum keeps
// swarm_ball_radius: there the members lie on one another, and each pile shows as one ball.
float big_swarm_ball_radius(std::size_t swarm_size);
// Swarms larger than this are drawn as points (swarm_point.glsl: grains a pixel or two wide, one
// vertex each), smaller ones as balls, wherever they run.
inline constexpr std::size_t kLargestSwarmOfBalls = 100000;

class SceneRenderer {
 public:
  SceneRenderer();
  ~SceneRenderer();
  // Loads the shaders; returns an error message (and renders nothing) on failure.
  Status init();
  // Rebuild the terrain for a new cost function (or resolution). Drops the basin overlay.
  // render() rebuilds it by itself when the options' resolution or height override change.
  void set_cost(const CostFunction& cost, const RenderOptions& options);
  // The basin map to paint on the terrain (drawn where basin_map_opacity(options) says); nullptr: none.
  void set_basin_overlay(const BasinMap* map);
  bool has_basin_overlay() const { return has_basin_overlay_; }
  // Reload shaders whose files changed; returns the first error, the old programs kept.
  Status reload_changed_shaders();

  // The benchmark's GPU timeline: render() marks each of its stages on it (nullptr: none).
  void set_timeline(GpuTimeline* timeline) { timeline_ = timeline; }
  // A width x height picture, or the `tile` of it (into a framebuffer of the tile's size).
  void render(const Simulation& simulation, const OrbitCamera& camera, int width, int height,
              const RenderOptions& options, const PictureTile* tile = nullptr);

  const TerrainMapping& mapping() const { return mapping_; }
  // The colour map as a texture the UI can draw (the colour bar): the terrain's own colours.
  GLuint colormap_texture(Colormap colormap) { return colormap_strips_.texture(colormap); }
  // The terrain mesh as last drawn: its finest grid, and the triangles the view chose.
  struct TerrainStats {
    int size = 0;               // vertices per side of the finest grid
    bool automatic = false;     // levels of detail (else the uniform mesh of a fixed resolution)
    std::size_t vertices = 0;   // in the finest grid
    std::size_t triangles = 0;  // drawn in the last frame
  };
  TerrainStats terrain_stats() const;
  // Where a ball of `radius` resting on the terrain at p is: its centre, and the ground under it
  // with the terrain's normal (for its shadow). Where f is undefined it rests on the box's floor.
  struct Placement {
    glm::vec3 centre, ground, normal;
  };
  Placement place_ball(const CostFunction& cost, glm::dvec2 p, float radius) const;
  glm::vec3 ball_centre(const CostFunction& cost, glm::dvec2 p, float radius) const {
    return place_ball(cost, p, radius).centre;
  }

 private:
  // After the terrain and the sky: shadows, balls, trails, then pins, arrows and ghosts over them.
  void draw_balls_and_overlays(const Simulation& simulation, const glm::mat4& view_projection, const glm::vec3& eye,
                               const RenderOptions& options);
  // The terrain mesh, the bounds (and trails) on it, for `options`' resolution and height.
  void rebuild_surface(const CostFunction& cost, const RenderOptions& options);
  // What the terrain mesh is built for: render() rebuilds it when the options ask otherwise.
  struct TerrainBuild {
    std::optional<int> resolution;  // uniform; none: levels of detail
    int min_finest = 0;             // levels of detail: the finest grid at least this a side
    std::optional<HeightTransform> height;
    static TerrainBuild of(const RenderOptions& options) {
      return {options.terrain_resolution, options.terrain_min_finest, options.height};
    }
    bool operator==(const TerrainBuild&) const = default;
  };
  void build_terrain(const CostFunction& cost, const TerrainBuild& build);
  // The floor grid and box, at the floor's level, in the theme's line colours.
  void build_bounds(float floor_level, Theme theme);
  // Where the floor is: under the terrain's lowest point, or lower to show the contour map there.
  float floor_y(const RenderOptions& options) const;
  void draw_sky(float bottom, float height, Theme theme);
  // Where the contour and wireframe lines fall, and how wide they are.
  void set_line_uniforms(const ShaderProgram& shader, int picture_height) const;
  // `picture_height`: the whole picture's, a tile's too, so lines are as wide in every tile;
  // `lod` the whole picture's too, so every tile draws the same triangles. The terrain in
  // `look`, or (a floor_map look) laid flat on the floor as its contour map.
  void draw_terrain(const TerrainLook& look, const glm::mat4& view_projection, glm::vec3 eye,
                    const RenderOptions& options, int picture_height, const LodView& lod);
  void collect_balls(const Simulation& simulation, const RenderOptions& options);
  // What add_ball adds: an ordinary ball; a swarm member, drawn only where none of its colour is
  // drawn already (swarm_cells_); or a grain, a member on its way in a swarm drawn as points
  // (beyond kLargestSwarmOfBalls), drawn without that check (collect_balls says why).
  enum class Sprite { ball, member, grain };
  Sprite member_sprite(BallStatus status) const {
    return swarm_points_ && status == BallStatus::running ? Sprite::grain : Sprite::member;
  }
  // A ball (or swarm member) at `at`, with its shadow where `shadow`.
  void add_ball(const CostFunction& cost, glm::dvec2 at, float radius, glm::vec3 colour, Sprite sprite, bool shadow);
  void add_companions(const Simulation& simulation, const Ball& ball, float radius);
  // The lines joining Lookahead's slow weights and SAM's ascent point to their ball, and
  // Schedule-Free's z to its x.
  void append_companion_lines(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options);
  ClipBox clip_box(const RenderOptions& options) const;
  // Geometry for the transparent overlays (arrows, preview paths, marker pins), rebuilt each
  // frame into one buffer: there are only a few of them.
  void append_arrows(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options);
  void append_term_arrows(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options);
  void append_arrow(const CostFunction& cost, glm::dvec2 from, glm::dvec2 direction, float world_length,
                    glm::vec4 colour, glm::vec3 eye, const RenderOptions& options, float lift = 0.6f,
                    float width = 1.0f);
  void append_markers(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options);
  void append_simplex_edges(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options);
  void append_training_paths(const Simulation& simulation, glm::vec3 eye, const RenderOptions& options);
  // A ribbon through `points` that always faces the camera, colour per point.
  void append_ribbon(const std::vector<glm::vec3>& points, const std::vector<glm::vec4>& colours, float half_width,
                     glm::vec3 eye);

  TerrainPrograms terrain_programs_;
  ColormapStrips colormap_strips_;
  ShaderProgram line_shader_, sky_shader_;
  BallRenderer balls_;
  ShadowRenderer shadows_;
  TrailRenderer trails_;
  // A GPU swarm's balls (made on the first one drawn: its shader needs GL 4.3).
  std::unique_ptr<GpuSwarmRenderer> gpu_swarm_;
  void draw_gpu_swarm(const Simulation& simulation, const glm::mat4& view_projection, glm::vec3 eye,
                      const ClipBox& box);
  GpuTimeline* timeline_ = nullptr;
  void mark(const char* stage) {
    if (timeline_) timeline_->mark(stage);
  }
  TerrainMesh terrain_;
  Mesh bounds_, overlays_;
  gl::VertexArray empty_vao_;  // the sky is a full-screen triangle made in the vertex shader
  gl::Texture basin_texture_;
  bool has_basin_overlay_ = false;
  TerrainMapping mapping_;
  TerrainBuild built_for_{0, 0, std::nullopt};  // resolution 0: nothing built yet
  Theme bounds_theme_ = Theme::dark;            // the colours the bounds were built in
  float bounds_floor_ = 0.0f;                   // the floor level the grid and box were built at
  std::vector<BallInstance> solid_balls_, swarm_balls_, ghost_balls_, on_top_balls_;  // reused each frame
  std::vector<ShadowInstance> ball_shadows_;                                          // reused each frame
  SpriteCells shadow_cells_;                     // where a shadow is already cast this frame
  SpriteCells swarm_cells_;                      // where a swarm member is already drawn this frame, by colour
  bool swarm_points_ = false;                    // this frame's swarm is drawn as points (collect_balls)
  std::vector<LaneSwarm::Member> lane_members_;  // a swarm in the CPU's lanes, read each frame
  std::vector<float> overlay_vertices_;          // reused each frame
  std::vector<glm::vec3> path_points_;           // scratch
  std::vector<glm::vec4> path_colours_;          // scratch
};

}  // namespace losscape
