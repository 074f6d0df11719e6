// Lectures: a scene file edited beside the window (read again when saved; the session shows the
// slide again), files dropped on the window or opened from the panel, and the current state saved
// as a scene.
#include "engine/app/imgui_helpers.hpp"
#include "engine/app/interactive_app.hpp"
#include "engine/app/screenshot_names.hpp"

#include <algorithm>
#include <cstdio>

namespace losscape {

void InteractiveApp::reload_changed_files() {
  const double now = surface_->time_seconds();
  if (now < next_file_check_) return;
  next_file_check_ = now + 0.5;  // a stat() of each file twice a second is nothing
  bool reloaded = false;
  if (std::string error; !session_->reload_changed_files(reloaded, error)) {
    toast(error, true);  // the scene on screen stays as it was
  } else if (reloaded) {
    toast("reloaded " + session_->presentation().path());
  }
}

void InteractiveApp::open_file(const std::string& path) {
  if (std::string error; !session_->open(path, error)) {
    toast(error, true);
    return;
  }
  std::snprintf(open_path_, sizeof open_path_, "%s", path.c_str());
  const std::size_t slides = session_->presentation().size();
  toast("opened " + path + (slides > 1 ? " (" + std::to_string(slides) + " scenes)" : ""));
}

Scene InteractiveApp::current_state() const {
  Scene scene = session_->current_state();  // the balls start where they were dropped
  scene.view = render_options_;             // the view settings, without what only the renderer decides
  scene.camera = camera_spec(rig_.camera());
  return scene;
}

void InteractiveApp::save_scene() {
  std::string path = save_path_;
  if (path.empty()) {
    const Scene& scene = session_->edited_scene();
    const std::string stem = scene.title.empty() ? session_->simulation().cost().name() : slug(scene.title);
    path = next_output_path(".", stem.empty() ? "scene" : stem, ".json");
  }
  const std::string error = save_scene_file(path, current_state());
  toast(error.empty() ? "saved " + path : error, !error.empty());
}

void InteractiveApp::build_scene_section() {
  if (!ImGui::CollapsingHeader("Scene")) return;
  const Scene& scene = session_->edited_scene();
  if (session_->presentation().has_file()) {
    ImGui::TextDisabled("%s", session_->presentation().path().c_str());
    tooltip("Edit this file in any text editor: saving it shows the change here at once.");
  }
  if (session_->presentation().size() > 1) {
    if (ImGui::ArrowButton("##previous", ImGuiDir_Left) && session_->current_slide() > 0)
      session_->show_slide(session_->current_slide() - 1);
    tooltip("Page Up or Left: the previous scene");
    ImGui::SameLine();
    ImGui::Text("%zu / %zu", session_->presentation().index() + 1, session_->presentation().size());
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) session_->show_slide(session_->current_slide() + 1);
    tooltip("Page Down or Right: the next scene");
    ImGui::SameLine();
    ImGui::TextUnformatted(scene.title.c_str());
  } else if (!scene.title.empty()) {
    ImGui::TextUnformatted(scene.title.c_str());
  }
  ImGui::SetNextItemWidth(260.0f);
  const bool enter = ImGui::InputText("##open", open_path_, sizeof open_path_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Open") || enter) open_file(open_path_);
  tooltip("A scene or a deck of scenes (JSON). Dropping a file on the window opens it too.");
  ImGui::SetNextItemWidth(260.0f);
  ImGui::InputTextWithHint("##save", "(a new file in the current folder)", save_path_, sizeof save_path_);
  ImGui::SameLine();
  if (ImGui::Button("Save")) save_scene();
  tooltip("Ctrl+S: this scene as it is now (function, balls, swarm, view, camera) as a scene file,\n"
          "which opens to the same picture and the same trajectories. Without a name: a new file\n"
          "named after the title, never overwriting one.");
}

}  // namespace losscape
