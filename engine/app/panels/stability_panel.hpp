#pragma once
// The Analysis section's stability map: the optimizer the swarm and the basin map follow (with its
// parameters), from its ball's start, over two of its parameters; computed in the background with
// a progress bar (a slice of each frame in a browser page), shown as the picture --stability
// writes, and saved as that PNG with its CSV beside it.
#include "engine/app/capture/stability_output.hpp"
#include "engine/app/panels/panel_context.hpp"
#include "engine/render/gl_resources.hpp"
#include "engine/sim/background_job.hpp"
#include "engine/sim/stability_map.hpp"

#include <imgui.h>

#include <memory>
#include <optional>
#include <string>

namespace losscape {

struct StabilityPanel {
  // A tree node of its own; its job and texture live only once it is first opened.
  void build(PanelContext& context);
  // Whether the scene on screen asks for a map (its render.stability) not yet acted on: the
  // Analysis section opens for it, and the map is computed.
  bool scene_asks(const PanelContext& context) const { return request_of(context) != asked_; }

 private:
  struct Computed {
    StabilityMap map;
    std::string heading, function;  // what ran where; the function's name, for the file's
  };
  static std::string request_of(const PanelContext& context);  // empty: none
  void build_axis(const Optimizer& optimizer, const char* label, StabilityAxis& axis, const std::string& other);
  void start(PanelContext& context, const Ball& ball);
  void show(PanelContext& context);
  void describe_cell_under_pointer(ImVec2 corner, float scale) const;
  void save(PanelContext& context);

  std::unique_ptr<BackgroundJob<Computed>> job_;
  std::optional<Computed> shown_;
  gl::Texture texture_;
  bool window_open_ = false;  // the picture at full size, in a window of its own
  StabilityPicture picture_;  // what the texture holds (its pixels dropped once uploaded)
  std::string optimizer_;     // whose axes these are: another optimizer starts from its defaults
  StabilityAxes axes_;
  int grid_index_ = 1;  // 128
  int steps_ = 1000;
  int eps_index_ = 2;           // 1e-6
  std::string error_;           // why the axes cannot be used
  std::string asked_;           // the scene's request acted on last
  bool scroll_to_map_ = false;  // a map just computed: scroll the panel to it once
};

}  // namespace losscape
