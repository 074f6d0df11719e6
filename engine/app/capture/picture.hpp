#pragma once
// A picture of the scene at any size up to 7680x4320 and beyond: drawn offscreen a tile at a
// time (at most 2048 pixels a side, so the 4x multisampled buffers stay in a few hundred MB and a
// driver with small framebuffers still works), with the overlay (title, annotations, legends)
// laid out at the picture's scale, optionally on a transparent background. --screenshot, F12 and
// every recorded frame are made here, so they all look the same.
#include "engine/app/overlay/headless_ui.hpp"
#include "engine/render/render_target.hpp"
#include "engine/render/scene_renderer.hpp"
#include "engine/scene/scene.hpp"

#include <memory>
#include <string>
#include <vector>

namespace losscape {

struct PictureSettings {
  int width = 1280, height = 720;
  bool overlay = true;       // the title, annotations, legends, colour bar and axes' values
  bool transparent = false;  // no sky: the PNG has an alpha channel
  int max_tile = 2048;       // the largest tile side (the driver may allow less)
};

// The sizes the panel offers for screenshots and recordings; 0 x 0: the window's own.
struct PictureSize {
  const char* label;
  int width, height;
};
inline constexpr PictureSize kPictureSizes[] = {{"the window's", 0, 0},
                                                {"1280x720", 1280, 720},
                                                {"1920x1080", 1920, 1080},
                                                {"3840x2160 (4K)", 3840, 2160},
                                                {"7680x4320 (8K)", 7680, 4320}};

// The tiles a width x height picture is drawn in, each side at most `largest_tile`, all of one
// size but for a pixel less at the far edges, in order of size: a new size makes new buffers,
// which a software renderer writes through (at 4K with 4x multisampling, half a second here for
// tiles of three sizes), so the target is made once where the sides divide evenly (a 4K picture:
// four of 1920x1080, the size of a 1080p picture too) and at most four times otherwise.
std::vector<PictureTile> picture_tiles(int width, int height, int largest_tile);

class PictureMaker {
 public:
  // Needs a current GL context. The picture, or why not (e.g. a size the driver cannot draw).
  Result<Image> make(SceneRenderer& renderer, const Simulation& simulation, const Scene& scene, OrbitCamera camera,
                     RenderOptions options, const PictureSettings& settings);

 private:
  RenderTarget target_;
  std::unique_ptr<HeadlessUI> ui_;
};

}  // namespace losscape
