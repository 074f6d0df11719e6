#pragma once
// Short messages in the window's bottom-left corner: what was saved, opened or refused. An error
// is also printed on the terminal (a lecturer may not be looking at the corner) and stays longer.
#include "engine/scene/scene.hpp"

#include <deque>
#include <string>

namespace losscape {

class Toasts {
 public:
  // Shows `text` (made one line) for a few seconds; four at the most.
  void show(const std::string& text, bool error = false);
  // Draws the ones not yet expired, errors in the theme's error colour.
  void build(Theme theme);

 private:
  struct Toast {
    std::string text;
    bool error = false;
    double expires = 0.0;
  };
  std::deque<Toast> toasts_;
};

}  // namespace losscape
