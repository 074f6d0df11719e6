// Lectures: a scene file edited beside the window (read again when saved; the session shows the
// slide again), files dropped on the window or opened from the panel, and the current state saved
// as a scene.
#include "engine/app/capture/screenshot_names.hpp"
#include "engine/app/window/interactive_app.hpp"

#include <algorithm>
#include <cstdio>

namespace losscape {

void InteractiveApp::reload_changed_files() {
  const double now = surface_->time_seconds();
  if (now < next_file_check_) return;
  next_file_check_ = now + 0.5;  // a stat() of each file twice a second is nothing
  if (const auto reloaded = session_->reload_changed_files(); !reloaded) {
    toast(reloaded.error(), true);  // the scene on screen stays as it was
  } else if (*reloaded) {
    toast("reloaded " + session_->presentation().path());
  }
}

void InteractiveApp::open_file(const std::string& path) {
  const auto slides = session_->open(path);  // shown once its first slide builds (apply_edits)
  if (!slides) {
    toast(slides.error(), true);
    return;
  }
  std::snprintf(scene_panel_.open_path, sizeof scene_panel_.open_path, "%s", path.c_str());
  toast("opened " + path + (*slides > 1 ? " (" + std::to_string(*slides) + " scenes)" : ""));
}

Scene InteractiveApp::current_state() const {
  Scene scene = session_->current_state();  // the balls start where they were dropped
  scene.view = render_options_;             // the view settings, without what only the renderer decides
  scene.camera = camera_spec(rig_.camera());
  return scene;
}

std::string InteractiveApp::current_scene_text() const { return write_scene(current_state()); }

void InteractiveApp::save_scene() {
  std::string path = scene_panel_.save_path;
  if (path.empty()) {
    const std::string stem = file_stem(session_->edited_scene());
    path = next_output_path(".", stem.empty() ? "scene" : stem, ".json");
  }
  const Status saved = save_scene_file(path, current_state());
  toast(saved ? "saved " + path : saved.error(), !saved);
}

}  // namespace losscape
