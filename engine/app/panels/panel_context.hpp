#pragma once
// What a section of the window's panel works with. A section keeps its own widget state (a text
// box's text, a combo's choice) in its own struct, as Dear ImGui's demo does; what it changes in
// the scene goes to the session as an edit, and what it asks of the window (a screenshot, a file
// opened or saved) is recorded in WindowRequests and done once the UI is built.
#include "engine/app/window/camera_rig.hpp"
#include "engine/render/scene_renderer.hpp"
#include "engine/session/session.hpp"

#include <optional>
#include <string>

namespace losscape {

class Toasts;

struct WindowRequests {
  bool screenshot = false;
  bool toggle_recording = false;  // start one, or stop the one running
  bool top_down = false;          // to the flat top-down view, or back
  bool save_scene = false;        // to the Scene section's path, or a new file
  bool export_trajectories = false;
  std::optional<std::string> open;  // a scene or deck file
  bool copy_link = false;           // a link to what is on screen (where the host makes links)
};

struct PanelContext {
  Session& session;
  RenderOptions& view;  // the window's view settings
  CameraRig& rig;
  const SceneRenderer& renderer;
  Toasts& toasts;
  WindowRequests& requests;
};

}  // namespace losscape
