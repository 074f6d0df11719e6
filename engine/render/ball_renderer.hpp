#pragma once
// Balls as ray-cast spheres: one draw for any number of them (ten thousand in a swarm). A
// swarm's members, small, are shaded the cheaper way of shaders/swarm_ball.vert.
#include "engine/render/gl_resources.hpp"
#include "engine/render/shader.hpp"
#include "engine/render/sprite_batch.hpp"

#include <glm/glm.hpp>

#include <functional>
#include <string>
#include <vector>

namespace losscape {

struct BallInstance {
  glm::vec3 centre;  // world
  float radius;
  glm::vec4 colour;  // rgb, alpha (below 1: a ghost)
};

// Balls and trails are drawn only inside this box (world space): the terrain's bounding box.
struct ClipBox {
  glm::vec3 min{-1e9f}, max{1e9f};
};

// The uniforms every ball shader (ball.vert, swarm_ball.vert, swarm_point.vert, gpu_swarm.vert)
// takes: the view, the eye, the light and the box; `shader` in use.
void set_ball_uniforms(const ShaderProgram& shader, const glm::mat4& view_projection, glm::vec3 eye,
                       glm::vec3 light_direction, const ClipBox& box);

// Pixels drawn beyond each side of the viewport for points (draw_swarm_points): OpenGL drops a
// point whose centre is outside the viewport, so a pile of a swarm at rest (a point several pixels
// wide) would be cut at a picture tile's edge and pop out at the window's. Points up to twice this
// wide are whole.
inline constexpr int kSwarmPointMargin = 64;

// Runs `draw`, which draws points sized by swarm_point.glsl with `shader` (in use, its
// u_view_projection `view_projection`), over the viewport grown by kSwarmPointMargin on each side
// and scissored back to it: the projection shrunk to match, so every point lands on the same
// pixels, and u_viewport the grown viewport's size. The point size comes from the shader (WebGL2
// always takes it so). The viewport, scissor and u_view_projection are as before afterwards.
void draw_swarm_points(const ShaderProgram& shader, const glm::mat4& view_projection,
                       const std::function<void()>& draw);

class BallRenderer {
 public:
  BallRenderer();
  Status init();
  ShaderProgram& shader() { return shader_; }
  ShaderProgram& swarm_shader() { return swarm_shader_; }
  ShaderProgram& swarm_point_shader() { return swarm_point_shader_; }

  // Expects blending on. Solid balls write depth, and their one-pixel soft edges blend over what
  // is already drawn (alpha-to-coverage would be order-independent, but Mesa's software
  // renderer leaves its alpha in the frame). Ghosts (alpha < 1) write no depth, so they never
  // hide what is behind them: draw them after everything solid. On-top balls are ghosts drawn
  // without the depth test, seen through whatever is in front (a point inside a ball). Swarm
  // members are solid, small and shaded the cheaper way (swarm_ball.vert); beyond
  // kLargestSwarmOfBalls, grains a pixel or two wide, one point each (swarm_point.vert).
  enum class Pass { solid, swarm, swarm_points, ghost, on_top };
  void draw(const std::vector<BallInstance>& balls, const glm::mat4& view_projection, glm::vec3 eye,
            glm::vec3 light_direction, const ClipBox& box, Pass pass);

 private:
  ShaderProgram shader_, swarm_shader_, swarm_point_shader_;
  SpriteBatch sprites_;
};

}  // namespace losscape
