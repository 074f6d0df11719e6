#pragma once
// A GPU swarm's balls drawn from its buffers (gpu_swarm.hpp): no copy back to the CPU per frame,
// no vertex buffer. A CPU swarm member's look (swarm_ball.frag; or, for very many, points shaded alike), each ball
// placed by shaders/gpu_swarm.vert, sized as every big swarm's (big_swarm_ball_radius) and coloured by the minimum it
// reached in the swarm's palette (basin_palette.hpp). No trails: a million trails would be a fog, and each would have
// to be kept on the GPU.
#include "engine/render/ball_renderer.hpp"
#include "engine/render/compute/gpu_swarm.hpp"
#include "engine/render/shader.hpp"
#include "engine/render/terrain/terrain_mapping.hpp"

namespace losscape {

class GpuSwarmRenderer {
 public:
  GpuSwarmRenderer();
  Status init();
  void draw(const GpuSwarm& swarm, const TerrainMapping& mapping, const glm::mat4& view_projection, glm::vec3 eye,
            glm::vec3 light_direction, const ClipBox& box);

 private:
  ShaderProgram balls_, points_;
  gl::VertexArray empty_vao_;
};

}  // namespace losscape
