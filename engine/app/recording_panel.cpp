// Recording from the window: the panel's Record section, and the frames. While a recording runs,
// each frame advances the simulation by exactly 1/fps (interactive_app.cpp) and is drawn
// offscreen at the recording's size, overlay and all; the window shows the same scene live.
#include "engine/app/imgui_helpers.hpp"
#include "engine/app/interactive_app.hpp"
#include "engine/app/screenshot_names.hpp"
#include "engine/app/ui_theme.hpp"

#include <algorithm>
#include <chrono>

namespace losscape {

bool InteractiveApp::record(const std::string& path, double seconds, int fps) {
  RecordingSettings settings;
  settings.path = path;
  settings.seconds = seconds;
  settings.fps = fps;
  settings.orbit_degrees = record_settings_.orbit;
  int width = 0, height = 0;
  surface_->framebuffer_size(width, height);
  const PictureSize& size = kPictureSizes[record_settings_.size];
  settings.width = size.width ? size.width : width;
  settings.height = size.height ? size.height : height;
  std::string error;
  recording_ = Recording::start(settings, error);
  if (!recording_) {
    toast(error, true);
    return false;
  }
  recording_camera_ = rig_.camera();
  rig_.stop_motion();  // the recording decides where the camera goes
  toast("recording " + path + ": Ctrl+R stops");
  return true;
}

void InteractiveApp::start_recording() {
  if (recording()) return;
  const std::string scene_name =
      session_->scene().title.empty() ? session_->simulation().cost().name() : slug(session_->scene().title);
  // The extension is the template's own (.mp4, .gif, or none: a folder of PNG frames).
  const std::filesystem::path pattern(record_settings_.name_template);
  const std::string extension = pattern.extension().string();
  const std::string path = output_path(pattern.parent_path() / pattern.stem(), scene_name, extension);
  record(path, record_settings_.seconds, record_settings_.fps);
}

void InteractiveApp::stop_recording() {
  if (!recording_) return;
  // ffmpeg finishing the file can take a while (a GIF's palette): not on the frame loop.
  finishing_ = std::async(std::launch::async, [recording = std::shared_ptr<Recording>(std::move(recording_))] {
    std::string error;
    return recording->finish(error) ? std::string() : error;
  });
}

void InteractiveApp::record_frame() {
  if (finishing_.valid() && finishing_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    const std::string error = finishing_.get();
    toast(error.empty() ? "recording saved" : error, !error.empty());
  }
  if (!recording_) return;
  const RecordingSettings& settings = recording_->settings();
  if (settings.orbit_degrees != 0.0) rig_.camera() = recording_->camera_for_next(recording_camera_);
  PictureSettings picture;
  picture.width = settings.width;
  picture.height = settings.height;
  Image frame;
  std::string error;
  if (!pictures_.make(renderer_, session_->simulation(), session_->scene(), rig_.camera(), render_options_, picture,
                      frame, error) ||
      !recording_->add(std::move(frame), error)) {
    toast(error, true);
    recording_.reset();
    return;
  }
  if (recording_->done()) stop_recording();
}

void InteractiveApp::build_recording_section() {
  if (!ImGui::CollapsingHeader("Record")) return;
  if (recording_) {
    const int frames = recording_->total_frames();
    char label[64];
    std::snprintf(label, sizeof label, frames ? "frame %d of %d" : "frame %d", recording_->frames_added(), frames);
    ImGui::ProgressBar(frames ? static_cast<float>(recording_->progress()) : 0.0f, ImVec2(220.0f, 0.0f), label);
    ImGui::SameLine();
    if (ImGui::Button("Stop (Ctrl+R)")) stop_recording();
    ImGui::TextDisabled("%s", recording_->settings().path.c_str());
    return;
  }
  if (finishing_.valid()) {
    ImGui::TextDisabled("finishing the file...");
    return;
  }
  ImGui::SetNextItemWidth(300.0f);
  ImGui::InputText("##record", record_settings_.name_template, sizeof record_settings_.name_template);
  tooltip(".mp4: a video for slides (H.264, plays in PowerPoint and browsers). .gif: an animation.\n"
          "No extension: a folder of numbered PNG frames. {scene}, {date}, {time}, {n} as for screenshots.");
  if (!ffmpeg_available()) {
    ImGui::TextColored(ui_colours(render_options_.theme).error, "ffmpeg is not installed: only PNG frames (a folder)");
    tooltip("sudo apt-get install ffmpeg, for .mp4 and .gif");
  }
  ImGui::SetNextItemWidth(120.0f);
  ImGui::SliderFloat("seconds", &record_settings_.seconds, 0.0f, 120.0f,
                     record_settings_.seconds > 0 ? "%.1f" : "until stopped");
  tooltip("Of simulated time: each frame is exactly 1/fps of it, however long it takes to draw,\n"
          "so the video plays smoothly even when the window cannot keep up.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80.0f);
  static const int kRates[] = {15, 24, 30, 60};
  if (ImGui::BeginCombo("fps", std::to_string(record_settings_.fps).c_str())) {
    for (int rate : kRates) {
      if (ImGui::Selectable(std::to_string(rate).c_str(), rate == record_settings_.fps)) record_settings_.fps = rate;
    }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(170.0f);
  if (ImGui::BeginCombo("size##record", kPictureSizes[record_settings_.size].label)) {
    for (int i = 0; i < static_cast<int>(std::size(kPictureSizes)); ++i) {
      if (ImGui::Selectable(kPictureSizes[i].label, i == record_settings_.size)) record_settings_.size = i;
    }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(120.0f);
  ImGui::DragFloat("orbit", &record_settings_.orbit, 1.0f, -720.0f, 720.0f, "%.0f degrees");
  tooltip("Turn the camera this far around the terrain over the recording: a title shot.");
  if (ImGui::Button("Start recording (Ctrl+R)")) start_recording();
}

}  // namespace losscape
