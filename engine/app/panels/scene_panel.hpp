#pragma once
// The panel's Scene section: the open file, the slide counter with its arrows, the gallery's menu,
// Open (a path) and
// Save (a path, or a new file named after the title), and Copy link where the host makes links.
#include "engine/app/panels/panel_context.hpp"

#include <string>
#include <vector>

namespace losscape {

struct ScenePanel {
  char open_path[512] = {};  // the Open box
  char save_path[512] = {};  // the Save box: empty for a new file in the current folder
  bool offer_link = false;   // the browser page: "Copy link" (InteractiveApp::set_link_handler)
  // The gallery's scene files (gallery_directory()), listed when the menu first opens.
  std::vector<std::string> gallery;

  void build(PanelContext& context);
};

}  // namespace losscape
