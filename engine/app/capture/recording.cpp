#include "engine/app/capture/recording.hpp"

#include <cmath>

namespace losscape {

Result<std::unique_ptr<Recording>> Recording::start(const RecordingSettings& settings) {
  if (settings.fps < 1 || settings.fps > 240) {
    return Error{"invalid --fps " + std::to_string(settings.fps) + ": 1 to 240 frames per second"};
  }
  if (!(settings.seconds >= 0.0) || settings.seconds > 3600.0) {
    return Error{"invalid --seconds " + std::to_string(settings.seconds) + ": 0 to 3600"};
  }
  const auto format = recording_format(settings.path);
  if (!format) return Error{format.error()};
  auto sink = open_frame_sink(settings.path, *format, settings.width, settings.height, settings.fps);
  if (!sink) return Error{sink.error()};
  std::unique_ptr<Recording> recording(new Recording());
  recording->settings_ = settings;
  recording->total_frames_ = static_cast<int>(std::lround(settings.seconds * settings.fps));
  recording->sink_ = std::move(*sink);
  return recording;
}

OrbitCamera Recording::camera_for_next(OrbitCamera base) const {
  if (settings_.orbit_degrees != 0.0 && total_frames_ > 0) {
    base.orbit(static_cast<float>(settings_.orbit_degrees * added_ / total_frames_), 0.0f);
  }
  return base;
}

Status Recording::add(Image frame) {
  if (Status written = sink_->write(std::move(frame)); !written) return written;
  ++added_;
  return {};
}

Status Recording::finish() { return sink_->finish(); }

Status record_frames(Recording& recording, Simulation& simulation, const OrbitCamera& camera, const FrameDrawer& draw,
                     const FrameProgress& progress) {
  const int frames = recording.total_frames();
  for (int i = 0; i < frames; ++i) {
    if (i > 0) simulation.advance(recording.frame_seconds());  // exactly 1/fps per frame
    auto frame = draw(recording.camera_for_next(camera));
    if (!frame) return Error{frame.error()};
    if (Status added = recording.add(std::move(*frame)); !added) return added;
    if (progress) progress(i + 1, frames);
  }
  return recording.finish();
}

}  // namespace losscape
