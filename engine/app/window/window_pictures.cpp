// The window's side of pictures and recordings: their names and sizes from the panel's
// Screenshot and Record sections, handed to WindowCapture, which makes and writes them.
#include "engine/app/capture/screenshot_names.hpp"
#include "engine/app/window/interactive_app.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iterator>

namespace losscape {

WindowCapture::Frame InteractiveApp::capture_frame() { return {renderer_, *session_, rig_.camera(), render_options_}; }

void InteractiveApp::take_screenshot(int width, int height) {
  const ScreenshotPanel::Settings& chosen = screenshot_panel_.settings;
  const std::string path = output_path(chosen.name_template, file_stem(session_->scene()), ".png");
  // The scene alone is drawn at the window's size or a larger one (the panel's settings).
  PictureSettings settings;
  const auto& size = kPictureSizes[chosen.size];
  settings.width = size.width ? size.width : width;
  settings.height = size.height ? size.height : height;
  settings.transparent = chosen.transparent;
  capture_.take_requested_screenshot(capture_frame(), *surface_, settings, chosen.with_panel, path);
}

std::string InteractiveApp::screenshot_now(int size_index, bool with_panel, bool transparent,
                                           const std::string& folder) {
  ScreenshotPanel::Settings& settings = screenshot_panel_.settings;
  settings.size = std::clamp(size_index, 0, static_cast<int>(std::size(kPictureSizes)) - 1);
  settings.with_panel = with_panel;
  settings.transparent = transparent;
  const ScreenshotPanel::Settings kept = settings;
  if (!folder.empty()) {
    std::snprintf(settings.name_template, sizeof settings.name_template, "%s",
                  (std::filesystem::path(folder) / "losscape-{scene}-{n}").string().c_str());
  }
  capture_.request_screenshot();
  frame();
  std::snprintf(settings.name_template, sizeof settings.name_template, "%s", kept.name_template);
  return capture_.last_screenshot();
}

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
  Status started = capture_.start_recording(settings, rig_.camera());
  if (started) rig_.stop_motion();  // the recording decides where the camera goes
  return started;
}

void InteractiveApp::toggle_recording() {
  if (host_.toggle_recording) {
    toast(host_.toggle_recording() ? "recording the window: Ctrl+R stops it" : "recording stopped");
  } else {
    capture_.recording() ? capture_.stop_recording() : start_recording();
  }
}

void InteractiveApp::start_recording() {
  if (recording()) return;
  // The extension is the template's own (.mp4, .gif, or none: a folder of PNG frames).
  const std::filesystem::path pattern(record_panel_.settings.name_template);
  const std::string extension = pattern.extension().string();
  const std::string path = output_path(pattern.parent_path() / pattern.stem(), file_stem(session_->scene()), extension);
  static_cast<void>(record(path, record_panel_.settings.seconds, record_panel_.settings.fps));  // it says why itself
}

}  // namespace losscape
