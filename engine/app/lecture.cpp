// Lectures: the slides of a deck, a scene file edited beside the window (read again when saved),
// files dropped on the window or opened from the panel, the current state saved as a scene, and
// the camera's smooth move to each slide's view.
#include "engine/app/imgui_helpers.hpp"
#include "engine/app/interactive_app.hpp"
#include "engine/app/screenshot_names.hpp"

#include <algorithm>
#include <cstdio>

namespace losscape {
namespace {

// Eases in and out, so a move between views starts and lands gently.
float smooth(float t) { return t * t * (3.0f - 2.0f * t); }

}  // namespace

void InteractiveApp::show_slide(std::size_t index) {
  if (index >= presentation_.size()) return;
  Presentation probe = presentation_;
  probe.go_to(index);
  pending_ = PendingRebuild{probe.scene(), true, index, false};
}

void InteractiveApp::reload_changed_files() {
  const double now = surface_->time_seconds();
  if (now < next_file_check_) return;
  next_file_check_ = now + 0.5;  // a stat() of each file twice a second is nothing
  bool reloaded = false;
  std::string error;
  if (!presentation_.reload_if_changed(reloaded, error)) {
    toast(error, true);  // the scene on screen stays as it was
    return;
  }
  if (!reloaded) return;
  // The edited slide, as the file says now; the camera moves only if the file's camera changed.
  const bool camera_changed = presentation_.scene().camera != slide_as_read_.camera;
  pending_ = PendingRebuild{presentation_.scene(), true, presentation_.index(), !camera_changed};
  toast("reloaded " + presentation_.path());
}

void InteractiveApp::open_file(const std::string& path) {
  Presentation opened;
  std::string error;
  if (!Presentation::open(path, opened, error)) {
    toast(error, true);
    return;
  }
  presentation_ = std::move(opened);
  std::snprintf(open_path_, sizeof open_path_, "%s", path.c_str());
  show_slide(0);
  toast("opened " + path + (presentation_.size() > 1 ? " (" + std::to_string(presentation_.size()) + " scenes)" : ""));
}

Scene InteractiveApp::current_state() const {
  Scene scene = current_scene();
  scene.view = render_options_;  // the view settings, without what only the renderer decides
  scene.camera = camera_spec(camera_);
  scene.playback = {simulation_->settings().steps_per_second, simulation_->playing()};
  std::size_t i = 0;  // the ordinary balls start where they were dropped
  for (const Ball& ball : simulation_->balls()) {
    if (!ball.swarm && i < scene.balls.size()) scene.balls[i++].start = ball.start;
  }
  return scene;
}

void InteractiveApp::save_scene() {
  std::string path = save_path_;
  if (path.empty()) {
    const Scene& scene = current_scene();
    const std::string stem = scene.title.empty() ? simulation_->cost().name() : slug(scene.title);
    path = next_output_path(".", stem.empty() ? "scene" : stem, ".json");
  }
  const std::string error = save_scene_file(path, current_state());
  toast(error.empty() ? "saved " + path : error, !error.empty());
}

void InteractiveApp::move_camera_to(const OrbitCamera& target) {
  camera_move_ = CameraMove{camera_, target, surface_->time_seconds(), 0.8};
}

void InteractiveApp::update_camera_move() {
  if (!camera_move_) return;
  const float t = static_cast<float>((surface_->time_seconds() - camera_move_->start) / camera_move_->seconds);
  camera_ = blend(camera_move_->from, camera_move_->to, smooth(std::clamp(t, 0.0f, 1.0f)));
  if (t >= 1.0f) camera_move_.reset();
}

void InteractiveApp::build_scene_section() {
  if (!ImGui::CollapsingHeader("Scene")) return;
  const Scene& scene = current_scene();
  if (presentation_.has_file()) {
    ImGui::TextDisabled("%s", presentation_.path().c_str());
    tooltip("Edit this file in any text editor: saving it shows the change here at once.");
  }
  if (presentation_.size() > 1) {
    if (ImGui::ArrowButton("##previous", ImGuiDir_Left) && current_slide() > 0) show_slide(current_slide() - 1);
    tooltip("Page Up or Left: the previous scene");
    ImGui::SameLine();
    ImGui::Text("%zu / %zu", presentation_.index() + 1, presentation_.size());
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) show_slide(current_slide() + 1);
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
