#pragma once
// A recording in progress: how many frames, where each one's camera is (an orbit shot turns it
// around the terrain), and where the frames go. Each frame stands for exactly 1/fps seconds of
// the simulation, whatever it took to draw, so a video is smooth and the same on a slow laptop
// and a fast desktop. The batch run and the window both drive one.
#include "engine/app/capture/frame_sink.hpp"
#include "engine/render/camera.hpp"
#include "engine/sim/simulation.hpp"

#include <functional>

#include <memory>
#include <string>

namespace losscape {

struct RecordingSettings {
  std::string path;      // .mp4, .gif, or a folder for PNG frames
  double seconds = 5.0;  // of simulated time (0 in the window: until stopped)
  int fps = 30;
  int width = 1280, height = 720;
  double orbit_degrees = 0.0;  // the camera turns this far around the terrain over the recording
};

class Recording {
 public:
  // Checks the settings and opens the output; or a one-line error.
  static Result<std::unique_ptr<Recording>> start(const RecordingSettings& settings);

  const RecordingSettings& settings() const { return settings_; }
  double frame_seconds() const { return 1.0 / settings_.fps; }
  int total_frames() const { return total_frames_; }  // 0: until stopped
  int frames_added() const { return added_; }
  bool done() const { return total_frames_ > 0 && added_ >= total_frames_; }
  double progress() const { return total_frames_ > 0 ? static_cast<double>(added_) / total_frames_ : 0.0; }
  // The camera of the next frame: `base` turned by its share of the orbit.
  OrbitCamera camera_for_next(OrbitCamera base) const;

  Status add(Image frame);
  // Waits for the output to be complete (ffmpeg finishing the file).
  Status finish();

 private:
  RecordingSettings settings_;
  std::unique_ptr<FrameSink> sink_;
  int total_frames_ = 0, added_ = 0;
};

// Draws one frame of a recording: the simulation as it stands, seen from `camera`.
using FrameDrawer = std::function<Result<Image>(const OrbitCamera& camera)>;
// Called after each frame with its number (from 1) and the total: a progress line.
using FrameProgress = std::function<void(int frame, int frames)>;

// The one frame loop of a recording (--record and Python's Scene.animate): frame i shows the
// simulation after exactly i/fps seconds, from the orbit's camera for it; then waits for the file.
Status record_frames(Recording& recording, Simulation& simulation, const OrbitCamera& camera, const FrameDrawer& draw,
                     const FrameProgress& progress = {});

}  // namespace losscape
