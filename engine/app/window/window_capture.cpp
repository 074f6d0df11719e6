#include "engine/app/window/window_capture.hpp"

#include <chrono>

namespace losscape {

void WindowCapture::take_requested_screenshot(const Frame& frame, AppSurface& surface, const PictureSettings& settings,
                                              bool with_panel, const std::string& path) {
  if (!screenshot_requested_) return;
  screenshot_requested_ = false;
  last_screenshot_ = path;
  if (with_panel) {
    // The window as it is, panel and all: only the read-back happens here.
    png_writer_.submit(path, surface.read_frame());
  } else {
    // The scene alone, at the window's size or a larger one, drawn offscreen.
    RenderOptions options = frame.view;
    options.msaa_samples = 4;  // pictures are always anti-aliased, even when the window is not
    auto image = pictures_.make(frame.renderer, frame.session.simulation(), frame.session.scene(), frame.camera,
                                options, settings);
    if (!image) {
      toasts_.show(image.error(), true);
      return;
    }
    png_writer_.submit(path, std::move(*image));
  }
  toasts_.show("writing " + path + "...");
}

void WindowCapture::report_written() {
  for (const auto& result : png_writer_.take_finished()) {
    toasts_.show(result.error.empty() ? "saved " + result.path : result.error, !result.error.empty());
  }
}

Status WindowCapture::start_recording(const RecordingSettings& settings, const OrbitCamera& camera) {
  auto started = Recording::start(settings);
  if (!started) {
    toasts_.show(started.error(), true);
    return Error{started.error()};
  }
  recording_ = std::move(*started);
  recording_camera_ = camera;
  toasts_.show("recording " + settings.path + ": Ctrl+R stops");
  return {};
}

void WindowCapture::stop_recording() {
  if (!recording_) return;
  // ffmpeg finishing the file can take a while (a GIF's palette): not on the frame loop.
  finishing_ = std::async(std::launch::async, [recording = std::shared_ptr<Recording>(std::move(recording_))] {
    return recording->finish();
  });
}

std::optional<double> WindowCapture::frame_seconds() const {
  if (!recording_) return std::nullopt;
  return recording_->frame_seconds();
}

void WindowCapture::record_frame(const Frame& frame, OrbitCamera& camera) {
  if (finishing_.valid() && finishing_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    const Status finished = finishing_.get();
    toasts_.show(finished ? "recording saved" : finished.error(), !finished);
  }
  if (!recording_) return;
  const RecordingSettings& settings = recording_->settings();
  if (settings.orbit_degrees != 0.0) camera = recording_->camera_for_next(recording_camera_);
  PictureSettings picture;
  picture.width = settings.width;
  picture.height = settings.height;
  auto image =
      pictures_.make(frame.renderer, frame.session.simulation(), frame.session.scene(), camera, frame.view, picture);
  if (const Status added = image ? recording_->add(std::move(*image)) : Status(Error{image.error()}); !added) {
    toasts_.show(added.error(), true);
    recording_.reset();
    return;
  }
  if (recording_->done()) stop_recording();
}

}  // namespace losscape
