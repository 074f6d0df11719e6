#include "engine/render/compute/gpu_swarm_renderer.hpp"

#include "engine/render/basin_palette.hpp"
#include "engine/render/scene_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace losscape {

GpuSwarmRenderer::GpuSwarmRenderer()
    : balls_("gpu_swarm.vert", "swarm_ball.frag"),
      points_("gpu_swarm.vert", "gpu_swarm_point.frag", "#define SWARM_POINTS 1\n") {}

Status GpuSwarmRenderer::init() {
  for (ShaderProgram* shader : {&balls_, &points_}) {
    if (Status loaded = shader->load(); !loaded) return loaded;
    // The palette never changes: set once, not each frame.
    shader->use();
    for (int m = 0; m < 60; ++m) {  // gpu_swarm.vert's kPalette
      shader->set(("u_minimum_colour[" + std::to_string(m) + "]").c_str(), basin_colour(m));
    }
    const std::int32_t outcomes[5] = {kDiverged, kNotConverged, kUndefined, kLeftDomain, kNotConverged};
    for (int k = 0; k < 5; ++k) {
      const glm::vec3 colour = outcomes[k] == kNotConverged ? kRunningSwarmColour : basin_colour(outcomes[k]);
      shader->set(("u_outcome_colour[" + std::to_string(k) + "]").c_str(), colour);
    }
  }
  glUseProgram(0);
  empty_vao_ = gl::make_vertex_array();
  return {};
}

void GpuSwarmRenderer::draw(const GpuSwarm& swarm, const TerrainMapping& mapping, const glm::mat4& view_projection,
                            glm::vec3 eye, glm::vec3 light_direction, const ClipBox& box) {
  const bool points = swarm.size() > kLargestSwarmOfBalls;
  ShaderProgram& shader = points ? points_ : balls_;
  if (!shader.valid() || swarm.size() == 0) return;
  shader.use();
  set_ball_uniforms(shader, view_projection, eye, light_direction, box);
  shader.set("u_radius", big_swarm_ball_radius(swarm.size()));
  shader.set("u_rest_radius", swarm_ball_radius(swarm.size()));
  const Domain& d = mapping.domain();
  const glm::dvec2 centre = d.center();
  glUniform2d(shader.uniform("u_centre"), centre.x, centre.y);
  glUniform1d(shader.uniform("u_half_extent"), mapping.half_extent());
  glUniform1d(shader.uniform("u_floor"), mapping.sampled_f_min());
  shader.set("u_t_min", static_cast<float>(mapping.transformed_min()));
  shader.set("u_t_max", static_cast<float>(mapping.transformed_max()));
  shader.set("u_height_scale", mapping.height_scale());
  shader.set("u_log1p", mapping.transform() == HeightTransform::log1p ? 1 : 0);
  swarm.bind_for_drawing();
  glBindVertexArray(empty_vao_.id());
  if (points) {
    GLint viewport[4] = {};
    glGetIntegerv(GL_VIEWPORT, viewport);
    shader.set("u_viewport", glm::vec2(static_cast<float>(viewport[2]), static_cast<float>(viewport[3])));
    glEnable(GL_PROGRAM_POINT_SIZE);
    glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(swarm.size()));
    glDisable(GL_PROGRAM_POINT_SIZE);
  } else {
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(3 * swarm.size()));  // gpu_swarm.vert: 3 a ball
  }
  glBindVertexArray(0);
}

}  // namespace losscape
