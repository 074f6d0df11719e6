// Recording from the window (the settings are the panel's Record section). While a recording
// runs, each frame advances the simulation by exactly 1/fps (interactive_app.cpp) and is drawn
// offscreen at the recording's size, overlay and all; the window shows the same scene live.
#include "engine/app/capture/screenshot_names.hpp"
#include "engine/app/window/interactive_app.hpp"

#include <algorithm>
#include <chrono>

namespace losscape {

Status InteractiveApp::record(const std::string& path, double seconds, int fps) {
  RecordingSettings settings;
  settings.path = path;
  settings.seconds = seconds;
  settings.fps = fps;
  settings.orbit_degrees = record_panel_.settings.orbit;
  int width = 0, height = 0;
  surface_->framebuffer_size(width, height);
  const PictureSize& size = kPictureSizes[record_panel_.settings.size];
  settings.width = size.width ? size.width : width;
  settings.height = size.height ? size.height : height;
  auto started = Recording::start(settings);
  if (!started) {
    toast(started.error(), true);
    return Error{started.error()};
  }
  recording_ = std::move(*started);
  recording_camera_ = rig_.camera();
  rig_.stop_motion();  // the recording decides where the camera goes
  toast("recording " + path + ": Ctrl+R stops");
  return {};
}

void InteractiveApp::start_recording() {
  if (recording()) return;
  // The extension is the template's own (.mp4, .gif, or none: a folder of PNG frames).
  const std::filesystem::path pattern(record_panel_.settings.name_template);
  const std::string extension = pattern.extension().string();
  const std::string path = output_path(pattern.parent_path() / pattern.stem(), file_stem(session_->scene()), extension);
  static_cast<void>(record(path, record_panel_.settings.seconds, record_panel_.settings.fps));  // it says why itself
}

void InteractiveApp::stop_recording() {
  if (!recording_) return;
  // ffmpeg finishing the file can take a while (a GIF's palette): not on the frame loop.
  finishing_ = std::async(std::launch::async, [recording = std::shared_ptr<Recording>(std::move(recording_))] {
    return recording->finish();
  });
}

void InteractiveApp::record_frame() {
  if (finishing_.valid() && finishing_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    const Status finished = finishing_.get();
    toast(finished ? "recording saved" : finished.error(), !finished);
  }
  if (!recording_) return;
  const RecordingSettings& settings = recording_->settings();
  if (settings.orbit_degrees != 0.0) rig_.camera() = recording_->camera_for_next(recording_camera_);
  PictureSettings picture;
  picture.width = settings.width;
  picture.height = settings.height;
  auto frame =
      pictures_.make(renderer_, session_->simulation(), session_->scene(), rig_.camera(), render_options_, picture);
  if (const Status added = frame ? recording_->add(std::move(*frame)) : Status(Error{frame.error()}); !added) {
    toast(added.error(), true);
    recording_.reset();
    return;
  }
  if (recording_->done()) stop_recording();
}

}  // namespace losscape
