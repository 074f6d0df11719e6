#pragma once
// The panel's Screenshot section: the picture F12 takes (its size, with or without the panel,
// transparent or not) and its file name's template.
#include "engine/app/panels/panel_context.hpp"

namespace losscape {

struct ScreenshotPanel {
  struct Settings {
    int size = 0;  // 0: the window's; else an index into kPictureSizes
    bool with_panel = false;
    bool transparent = false;
    char name_template[128] = "losscape-{scene}-{date}-{time}";
  } settings;

  void build(PanelContext& context);
};

}  // namespace losscape
