#pragma once
// How the terrain's grid is cut for level of detail: the finest grid of size x size vertices is
// split into patches x patches square patches of patch_cells cells a side, which share their edge
// vertices. A patch drawn at level L uses every 2^L-th vertex of its part of the finest grid.
// Plain numbers, no GL (docs/terrain-lod.md tells the whole design).
namespace losscape {

struct TerrainLayout {
  int size = 2;         // vertices per side of the finest grid
  int patches = 1;      // patches per side
  int patch_cells = 1;  // finest cells per patch side: size - 1 == patches * patch_cells
  int levels = 1;       // levels 0 .. levels - 1; patch_cells is a multiple of 2^(levels - 1)

  int patch_count() const { return patches * patches; }
  // The finest grid's vertex index of patch (px, py)'s first corner (rows of `size` vertices).
  int first_vertex(int px, int py) const { return (py * size + px) * patch_cells; }
  bool operator==(const TerrainLayout&) const = default;
};

// A fixed resolution: one patch with one level, the uniform n x n mesh (n clamped to 2..2048).
TerrainLayout uniform_layout(int size);

// Level of detail over a grid of `size` = 2^k + 1 vertices (k >= 4): 16 x 16 patches, each
// with levels down to a single quad. Sixteen a side keeps one draw per patch cheap (256 draws)
// while a patch stays small enough (an eighth of the terrain's width) to be coarse only where
// the view allows.
TerrainLayout lod_layout(int size);

}  // namespace losscape
