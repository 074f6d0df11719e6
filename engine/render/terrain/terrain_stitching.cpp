#include "engine/render/terrain/terrain_stitching.hpp"

#include <glm/glm.hpp>

#include <cstdlib>

namespace losscape {
namespace {

// One edge seen from inside the patch: a point u along the edge and w inwards is
// origin + u * along + w * inward. (along, inward) turns like (i, j), so triangles that are
// counter-clockwise in (u, w) are counter-clockwise in (i, j) too.
struct EdgeFrame {
  unsigned edge;
  glm::ivec2 origin, along, inward;
  unsigned at_start, at_end;  // the edges met at u = 0 and at u = patch_cells
};

EdgeFrame edge_frame(unsigned edge, int cells) {
  switch (edge) {
    case kSouthEdge: return {edge, {0, 0}, {1, 0}, {0, 1}, kWestEdge, kEastEdge};
    case kEastEdge: return {edge, {cells, 0}, {0, 1}, {-1, 0}, kSouthEdge, kNorthEdge};
    case kNorthEdge: return {edge, {cells, cells}, {-1, 0}, {0, -1}, kEastEdge, kWestEdge};
    default: return {edge, {0, cells}, {0, -1}, {1, 0}, kNorthEdge, kSouthEdge};
  }
}

class PatchTriangles {
 public:
  PatchTriangles(int row_stride, std::vector<std::uint32_t>& out) : stride_(row_stride), out_(out) {}

  void triangle(glm::ivec2 a, glm::ivec2 b, glm::ivec2 c) {
    for (glm::ivec2 p : {a, b, c}) out_.push_back(static_cast<std::uint32_t>(p.y * stride_ + p.x));
  }

  // The strip of cells along a coarser edge: the edge's vertices every `outer_step` on one
  // side, the row `inner_step` inwards (from u_begin to u_end) on the other, zipped together by
  // always taking the shorter of the two possible next diagonals. Where the neighbouring edge is
  // stitched too, the inner row stops short of the corner and the two strips meet on the
  // corner's diagonal.
  void strip(const EdgeFrame& f, int outer_step, int inner_step, int u_begin, int u_end, int edge_length) {
    auto at = [&](int u, int w) { return f.origin + u * f.along + w * f.inward; };
    int outer = 0, inner = u_begin;
    while (outer < edge_length || inner < u_end) {
      const bool outer_can = outer < edge_length, inner_can = inner < u_end;
      const bool advance_outer =
          outer_can && (!inner_can || std::abs(outer + outer_step - inner) <= std::abs(inner + inner_step - outer));
      if (advance_outer) {
        triangle(at(outer, 0), at(outer + outer_step, 0), at(inner, inner_step));
        outer += outer_step;
      } else {
        triangle(at(outer, 0), at(inner + inner_step, inner_step), at(inner, inner_step));
        inner += inner_step;
      }
    }
  }

 private:
  int stride_;
  std::vector<std::uint32_t>& out_;
};

}  // namespace

std::vector<std::uint32_t> patch_indices(int patch_cells, int level, unsigned coarser_edges, int row_stride) {
  const int step = 1 << level;
  const int cells = patch_cells / step;  // this level's cells a side
  if (cells < 2) coarser_edges = 0;      // a single quad: no coarser level to meet
  std::vector<std::uint32_t> out;
  out.reserve(static_cast<std::size_t>(cells) * static_cast<std::size_t>(cells) * 6);
  PatchTriangles triangles(row_stride, out);
  const auto stitched = [&](unsigned edge) { return (coarser_edges & edge) != 0; };
  for (int cj = 0; cj < cells; ++cj) {
    for (int ci = 0; ci < cells; ++ci) {
      const bool in_strip = (cj == 0 && stitched(kSouthEdge)) || (cj == cells - 1 && stitched(kNorthEdge)) ||
                            (ci == 0 && stitched(kWestEdge)) || (ci == cells - 1 && stitched(kEastEdge));
      if (in_strip) continue;
      const glm::ivec2 a(ci * step, cj * step), b = a + glm::ivec2(step, 0), c = a + glm::ivec2(0, step),
                                                e = a + glm::ivec2(step, step);
      triangles.triangle(a, b, e);
      triangles.triangle(a, e, c);
    }
  }
  for (unsigned edge : {kSouthEdge, kEastEdge, kNorthEdge, kWestEdge}) {
    if (!stitched(edge)) continue;
    const EdgeFrame frame = edge_frame(edge, patch_cells);
    const int u_begin = stitched(frame.at_start) ? step : 0;
    const int u_end = patch_cells - (stitched(frame.at_end) ? step : 0);
    triangles.strip(frame, 2 * step, step, u_begin, u_end, patch_cells);
  }
  return out;
}

}  // namespace losscape
