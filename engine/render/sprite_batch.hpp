#pragma once
// Many small sprites, each described by two vec4 attributes (a ball and its colour, a shadow and
// the ground's normal), drawn in one draw of triangles: one triangle per sprite, each of its three
// corners given a copy of the sprite's attributes, and the vertex shader places corner
// gl_VertexID % 3 (shaders/sprite_corner.glsl) so that the triangle holds a circle. Or as points,
// one vertex a sprite, for a big swarm's grains a pixel or two wide (swarm_point.glsl). Not
// instancing: Mesa's software renderer runs its whole vertex pipeline once per instance, which for
// a thousand-ball swarm cost more than drawing the balls. Not two triangles a square either: there
// each triangle's set-up, not its pixels, is most of a small sprite's cost (a swarm of 10,000
// balls drew 7 ms of CPU a frame faster with a third more pixels in one triangle than in a square).
#include "engine/render/gl_resources.hpp"

#include <glm/vec4.hpp>

#include <cstddef>
#include <vector>

namespace losscape {

class SpriteBatch {
 public:
  void init();  // with a current context: the vertex array, its buffer, attributes 0 and 1

  // Draws one triangle per item (or one point: `points`), with the program and state already set
  // up.
  template <typename Item>
  void draw(const std::vector<Item>& items, bool points = false) {
    static_assert(sizeof(Item) == 2 * sizeof(glm::vec4), "two vec4 attributes per sprite");
    draw_items(reinterpret_cast<const glm::vec4*>(items.data()), items.size(), points);
  }

 private:
  void draw_items(const glm::vec4* attributes, std::size_t count, bool points);

  gl::VertexArray vao_;
  gl::Buffer vertices_buffer_;
  std::vector<glm::vec4> vertices_;  // per frame: 3 corners x 2 attributes per sprite (triangles)
};

}  // namespace losscape
