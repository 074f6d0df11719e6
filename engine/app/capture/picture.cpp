#include "engine/app/capture/picture.hpp"

#include "engine/app/overlay/overlay.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace losscape {
namespace {

// Over a transparent background the blending leaves colours multiplied by their coverage; PNG
// wants them straight (else a ball's soft edge is a dark fringe on a light slide).
void unpremultiply(Image& image) {
  for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
    const unsigned a = image.rgba[i + 3];
    if (a == 0 || a == 255) continue;
    for (std::size_t c = 0; c < 3; ++c) {
      image.rgba[i + c] = static_cast<std::uint8_t>(std::min(255u, (image.rgba[i + c] * 255u + a / 2) / a));
    }
  }
}

}  // namespace

std::vector<PictureTile> picture_tiles(int width, int height, int largest_tile) {
  if (width <= 0 || height <= 0 || largest_tile <= 0) return {};
  const int columns = (width + largest_tile - 1) / largest_tile, rows = (height + largest_tile - 1) / largest_tile;
  const int tile_width = (width + columns - 1) / columns, tile_height = (height + rows - 1) / rows;
  std::vector<PictureTile> tiles;
  for (int y = 0; y < height; y += tile_height) {
    for (int x = 0; x < width; x += tile_width) {
      tiles.push_back({x, y, std::min(tile_width, width - x), std::min(tile_height, height - y)});
    }
  }
  std::stable_sort(tiles.begin(), tiles.end(), [](const PictureTile& a, const PictureTile& b) {
    return std::pair(a.width, a.height) > std::pair(b.width, b.height);
  });
  return tiles;
}

Result<Image> PictureMaker::make(SceneRenderer& renderer, const Simulation& simulation, const Scene& scene,
                                 OrbitCamera camera, RenderOptions options, const PictureSettings& settings) {
  camera.lens_shift = glm::vec2(0.0f);  // no panel beside a picture: the view in its middle
  const int width = settings.width, height = settings.height;
  if (width < 1 || height < 1 || width > 16384 || height > 16384) {
    return Error{"impossible picture size " + std::to_string(width) + "x" + std::to_string(height) +
                 ": 1 to 16384 a side"};
  }
  GLint max_size = 0;
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
  const int largest_tile = std::max(64, std::min(settings.max_tile, static_cast<int>(max_size)));
  options.transparent_background = settings.transparent;

  if (settings.overlay) {
    const float scale = picture_text_scale(height);
    if (!ui_ || ui_->scale() != scale) ui_ = std::make_unique<HeadlessUI>(scale);
    const unsigned colormap = renderer.colormap_texture(options.colormap);
    ui_->lay_out(width, height, options.theme, [&](const Fonts& fonts) {
      build_overlay({simulation, scene, renderer, camera, options, width, height, fonts, colormap, "", false, 0.0f,
                     options.explained_ball});
    });
  }
  Image picture{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
  for (const PictureTile& part : picture_tiles(width, height, largest_tile)) {
    if (Status sized = target_.resize(part.width, part.height, options.msaa_samples); !sized)
      return Error{sized.error()};
    target_.bind_for_scene();
    renderer.render(simulation, camera, width, height, options, &part);
    target_.resolve();
    if (settings.overlay) {
      target_.bind_resolved();
      ui_->draw(part, height);
    }
    const Image piece = target_.read_resolved();
    // The tile's rows, top first, land `height - (y + tile height)` rows down the picture.
    for (int row = 0; row < part.height; ++row) {
      std::memcpy(picture.pixel(part.x, height - part.y - part.height + row), piece.pixel(0, row),
                  static_cast<std::size_t>(part.width) * 4);
    }
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (settings.transparent) unpremultiply(picture);
  return picture;
}

}  // namespace losscape
