#pragma once
// Many small squares, each described by two vec4 attributes (a ball and its colour, a shadow and
// the ground's normal), drawn in one indexed draw of triangles: each square's four corners get a
// copy of its attributes, and the vertex shader places corner gl_VertexID & 3 (0-3 in
// triangle-strip order). Not instancing: Mesa's software renderer runs its whole vertex pipeline
// once per instance, which for a thousand-ball swarm cost more than drawing the balls.
#include "engine/render/gl_resources.hpp"

#include <glm/vec4.hpp>

#include <cstddef>
#include <vector>

namespace losscape {

class QuadBatch {
 public:
  void init();  // with a current context: the vertex array, its buffers, attributes 0 and 1

  // Draws one square per item, with the program and state already set up.
  template <typename Item>
  void draw(const std::vector<Item>& items) {
    static_assert(sizeof(Item) == 2 * sizeof(glm::vec4), "two vec4 attributes per square");
    draw_items(reinterpret_cast<const glm::vec4*>(items.data()), items.size());
  }

 private:
  void draw_items(const glm::vec4* attributes, std::size_t count);

  gl::VertexArray vao_;
  gl::Buffer vertices_buffer_, indices_buffer_;
  std::size_t indexed_quads_ = 0;    // squares the index buffer covers
  std::vector<glm::vec4> vertices_;  // per frame: 4 corners x 2 attributes per square
};

}  // namespace losscape
