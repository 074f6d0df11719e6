#include "engine/app/recording.hpp"

#include <cmath>

namespace losscape {

std::unique_ptr<Recording> Recording::start(const RecordingSettings& settings, std::string& error) {
  if (settings.fps < 1 || settings.fps > 240) {
    error = "invalid --fps " + std::to_string(settings.fps) + ": 1 to 240 frames per second";
    return nullptr;
  }
  if (!(settings.seconds >= 0.0) || settings.seconds > 3600.0) {
    error = "invalid --seconds " + std::to_string(settings.seconds) + ": 0 to 3600";
    return nullptr;
  }
  RecordingFormat format;
  if (!recording_format(settings.path, format, error)) return nullptr;
  std::unique_ptr<Recording> recording(new Recording());
  recording->settings_ = settings;
  recording->total_frames_ = static_cast<int>(std::lround(settings.seconds * settings.fps));
  recording->sink_ = open_frame_sink(settings.path, format, settings.width, settings.height, settings.fps, error);
  if (!recording->sink_) return nullptr;
  return recording;
}

OrbitCamera Recording::camera_for_next(OrbitCamera base) const {
  if (settings_.orbit_degrees != 0.0 && total_frames_ > 0) {
    base.orbit(static_cast<float>(settings_.orbit_degrees * added_ / total_frames_), 0.0f);
  }
  return base;
}

bool Recording::add(Image frame, std::string& error) {
  if (!sink_->write(std::move(frame), error)) return false;
  ++added_;
  return true;
}

bool Recording::finish(std::string& error) { return sink_->finish(error); }

}  // namespace losscape
