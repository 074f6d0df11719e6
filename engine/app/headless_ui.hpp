#pragma once
// ImGui without a window, for pictures made headless (--screenshot, recordings): the overlay
// (title, annotations, legends) is drawn the same way as in the window. Needs a current GL
// context; only one at a time, and never beside the window's (batch runs have no window).
#include "engine/app/fonts.hpp"

#include <functional>

namespace losscape {

class HeadlessUI {
 public:
  explicit HeadlessUI(float scale);
  ~HeadlessUI();
  HeadlessUI(const HeadlessUI&) = delete;
  HeadlessUI& operator=(const HeadlessUI&) = delete;

  // Builds the UI for a width x height picture with `build` and draws it into the bound
  // framebuffer. (Auto-sized windows, like the legend, learn their size in a first pass that is
  // not drawn.)
  void draw(int width, int height, const std::function<void(const Fonts&)>& build);

 private:
  Fonts fonts_;
};

// The text scale of a picture `height` pixels tall: 1 at 720 lines, more for larger pictures, so
// a 4K slide's title is as large, relative to the picture, as on screen.
float picture_text_scale(int height);

}  // namespace losscape
