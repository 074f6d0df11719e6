#pragma once
// The balls' shadows on the terrain: a soft disc under each ball in the surface's tangent plane,
// shifted away from the light (an analytic contact shadow, not a shadow map: one draw
// for any number of balls, so height above the ground reads even for a swarm of ten thousand).
#include "engine/render/ball_renderer.hpp"
#include "engine/render/gl_resources.hpp"
#include "engine/render/shader.hpp"
#include "engine/render/sprite_batch.hpp"

#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace losscape {

struct ShadowInstance {
  glm::vec3 ground;  // the point of the terrain under the ball, world
  float radius;
  glm::vec3 normal;  // the terrain's normal there
  float strength;    // darkness at the centre, 0 to 1
};

class ShadowRenderer {
 public:
  ShadowRenderer();
  Status init();
  ShaderProgram& shader() { return shader_; }
  // After the terrain, before the balls; expects blending on. Writes no depth.
  void draw(const std::vector<ShadowInstance>& shadows, const glm::mat4& view_projection, glm::vec3 light_direction,
            const ClipBox& box);

 private:
  ShaderProgram shader_;
  SpriteBatch sprites_;
};

}  // namespace losscape
