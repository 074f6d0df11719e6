#pragma once
// Which level of detail each terrain patch is drawn at, for one view: the coarsest level whose
// error (terrain_error.hpp), projected from the eye onto the picture, stays under a quarter of a
// pixel, so near and bending patches get more triangles and far or flat ones fewer. Chosen from the
// whole picture's size and the camera alone, never a tile's: every tile of a picture, and every
// run, draws the same triangles. Plain numbers, no GL.
#include "engine/render/camera.hpp"
#include "engine/render/terrain/terrain_error.hpp"
#include "engine/render/terrain/terrain_layout.hpp"

#include <vector>

namespace losscape {

struct LodView {
  glm::vec3 eye{0.0f};
  float pixels_per_radian = 1.0f;  // picture height / (2 tan(fov / 2)): pixels per world unit at distance 1
  // An orthographic camera sees every point along the same `sight` (a unit vector) at the same
  // scale, near or far: an error covers e * pixels_per_unit * sin(angle to the vertical) pixels,
  // never divided by a distance (its eye stands far back only to light the balls).
  bool orthographic = false;
  glm::vec3 sight{0.0f, -1.0f, 0.0f};
  float pixels_per_unit = 1.0f;  // picture height / the height of world it shows
  // A quarter of a pixel. A surface drawn e too high or low moves what is painted on it across
  // the picture as far as it moves itself: contour lines, 1 to 3 px wide, show it first. Measured
  // on Himmelblau with contours at 1280x720, against a uniform 257 x 257 mesh: half a pixel left
  // 2,300 pixels off by more than 32 of 255 (lines moved by part of their width, where the eye
  // can tell on a still picture), a quarter 30 (5,600 off by more than 8: anti-aliasing).
  float max_pixels = 0.25f;
  // However small the picture, a coarser level stays within this of f: trails float a quarter
  // of a ball's radius (0.011 world units) above f, and a terrain drawn higher than f by more
  // would cover them (a linear mesh lies above f in every valley). Balls' shadows float far
  // less, so they are lifted by the error of the level drawn under them instead.
  float max_world = 0.005f;
  // Colouring by slope, a coarser level must also keep the slope's colour within this (on its
  // 0 to 1 scale: 5 steps of 255). A colour's error does not shrink with distance as a shape's
  // does, and the slope is least linear where it matters, at the dark points where it is 0.
  bool slope_colours = false;
  float max_slope_error = 0.02f;
};

// The view of `camera` on a picture `picture_height` pixels tall (a tiled picture's whole height).
LodView lod_view(const OrbitCamera& camera, int picture_height, bool slope_colours);

// The level of every patch (row by row, as patch_errors lists them): the coarsest the view
// allows, then finer where needed so that neighbours differ by at most one level.
std::vector<int> choose_levels(const TerrainLayout& layout, const std::vector<PatchError>& patches,
                               const LodView& view);

// Makes patches finer where a neighbour is more than one level finer, until none is: what every
// edge's stitching needs (choose_levels' last step).
void limit_level_differences(const TerrainLayout& layout, std::vector<int>& levels);

// The edges of patch (px, py) that meet a coarser neighbour (a set of PatchEdge bits).
unsigned coarser_edges(const TerrainLayout& layout, const std::vector<int>& levels, int px, int py);

}  // namespace losscape
