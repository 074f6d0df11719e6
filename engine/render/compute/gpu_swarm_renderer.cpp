#include "engine/render/compute/gpu_swarm_renderer.hpp"

#include "engine/render/basin_palette.hpp"
#include "engine/render/scene_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

namespace losscape {
namespace {

// Minimum labels the shader's palette holds before it cycles: basin_colour's palette repeats
// every 10, which divides it, so minimum l gets the colour the legend and the CPU's balls give it.
constexpr int kPaletteEntries = 60;
// The colours of the labels below 0 (BasinOutcome: -1 ... -4, and -5 for a member not yet named),
// in the order of -label - 1; running and unnamed members take the running colour.
constexpr std::int32_t kOutcomes[] = {kDiverged, kNotConverged, kUndefined, kLeftDomain, kNotConverged};
constexpr int kOutcomeCount = static_cast<int>(std::size(kOutcomes));

// The shader's array sizes, from the two tables above.
std::string palette_defines() {
  return "#define SWARM_PALETTE " + std::to_string(kPaletteEntries) + "\n#define SWARM_OUTCOMES " +
         std::to_string(kOutcomeCount) + "\n";
}

}  // namespace

GpuSwarmRenderer::GpuSwarmRenderer()
    : balls_("gpu_swarm.vert", "swarm_ball.frag", palette_defines()),
      points_("gpu_swarm.vert", "swarm_point.frag", palette_defines() + "#define SWARM_POINTS 1\n") {}

Status GpuSwarmRenderer::init() {
  for (ShaderProgram* shader : {&balls_, &points_}) {
    if (Status loaded = shader->load(); !loaded) return loaded;
    // The palette never changes: set once, not each frame.
    shader->use();
    for (int m = 0; m < kPaletteEntries; ++m) {
      shader->set(("u_minimum_colour[" + std::to_string(m) + "]").c_str(), basin_colour(m));
    }
    for (int k = 0; k < kOutcomeCount; ++k) {
      const glm::vec3 colour = kOutcomes[k] == kNotConverged ? kRunningSwarmColour : basin_colour(kOutcomes[k]);
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
    draw_swarm_points(shader, view_projection, [&] { glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(swarm.size())); });
  } else {
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(3 * swarm.size()));  // gpu_swarm.vert: 3 a ball
  }
  glBindVertexArray(0);
}

}  // namespace losscape
