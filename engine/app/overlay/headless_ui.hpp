#pragma once
// ImGui for pictures: the overlay (title, annotations, legends) laid out at a picture's size and
// drawn into it, a tile at a time if the picture is drawn in tiles. It has an ImGui context of
// its own, so the window can make a picture of another size in the middle of its own frames.
// Needs a current GL context.
#include "engine/app/ui/fonts.hpp"
#include "engine/render/scene_renderer.hpp"

#include <functional>
#include <optional>

struct ImGuiContext;

namespace losscape {

class HeadlessUI {
 public:
  explicit HeadlessUI(float scale);
  ~HeadlessUI();
  HeadlessUI(const HeadlessUI&) = delete;
  HeadlessUI& operator=(const HeadlessUI&) = delete;

  float scale() const { return fonts_.scale; }
  // Lays the UI out for a width x height picture with `build`, its windows in `theme`'s style;
  // draws nothing yet. (Auto-sized windows, like the legend, learn their size in passes that are
  // not drawn.)
  void lay_out(int width, int height, Theme theme, const std::function<void(const Fonts&)>& build);
  // Draws the part of the last layout inside `tile` (of a picture `height` pixels tall) into the
  // bound framebuffer, the size of the tile.
  void draw(const PictureTile& tile, int height);

 private:
  ImGuiContext* context_ = nullptr;
  Fonts fonts_;
  int laid_out_width_ = 0, laid_out_height_ = 0;
  std::optional<Theme> styled_for_;  // the theme of ImGui's style now
};

// The text scale of a picture `height` pixels tall: 1 at 720 lines, in proportion above and below
// (within limits), so a 4K slide's title is as large, relative to the picture, as on screen, and
// a small GIF's legend still leaves room for the terrain.
float picture_text_scale(int height);

}  // namespace losscape
