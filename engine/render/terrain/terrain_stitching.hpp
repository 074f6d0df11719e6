#pragma once
// The triangles of one terrain patch at one level of detail, stitched to coarser neighbours so
// the terrain has no cracks: where a patch meets one a level coarser, its edge uses only the
// coarser patch's vertices (a vertex in the middle of the neighbour's edge would open a crack
// wherever the surface bends). Neighbours differ by at most one level (terrain_lod.hpp sees to
// that), so each level needs one index list per set of coarser edges: 16 per level, built once
// and shared by every patch. Plain numbers, no GL.
#include <cstdint>
#include <vector>

namespace losscape {

// The edges of a patch, in its grid coordinates (i along x, j along y; j = 0 is the domain's
// y_min side).
enum PatchEdge : unsigned { kSouthEdge = 1, kEastEdge = 2, kNorthEdge = 4, kWestEdge = 8 };
constexpr unsigned kEdgeSets = 16;  // every combination of the four

// The triangles of a patch `patch_cells` cells a side drawn at `level` (every 2^level-th
// vertex), each edge in `coarser_edges` at level + 1. Indices are j * row_stride + i from the
// patch's first corner; every triangle counter-clockwise in (i, j). With no coarser edge, each
// cell is two triangles split along its (i, j) to (i + 1, j + 1) diagonal, as the uniform mesh is.
std::vector<std::uint32_t> patch_indices(int patch_cells, int level, unsigned coarser_edges, int row_stride);

}  // namespace losscape
