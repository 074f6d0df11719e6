#pragma once
// What the window writes besides scene files: F12's screenshots (the window as it is, panel and
// all, or the scene alone at any size drawn offscreen; encoded on the writer's thread, never
// overwriting a file) and recordings. While a recording runs, each frame is exactly 1/fps of
// simulation (frame_seconds) and is drawn offscreen at the recording's size, overlay and all;
// finishing the file (ffmpeg's last work) happens off the frame loop. Messages go to the toasts.
#include "engine/app/capture/picture.hpp"
#include "engine/app/capture/recording.hpp"
#include "engine/app/window/app_surface.hpp"
#include "engine/app/window/toasts.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/session/session.hpp"

#include <future>
#include <memory>
#include <optional>
#include <string>

namespace losscape {

class WindowCapture {
 public:
  explicit WindowCapture(Toasts& toasts) : toasts_(toasts) {}
  ~WindowCapture() { png_writer_.wait_idle(); }
  WindowCapture(const WindowCapture&) = delete;
  WindowCapture& operator=(const WindowCapture&) = delete;

  // What a picture of this frame is made of.
  struct Frame {
    SceneRenderer& renderer;
    const Session& session;
    const OrbitCamera& camera;
    const RenderOptions& view;
  };

  // F12: taken at the end of this frame (take_requested_screenshot).
  void request_screenshot() { screenshot_requested_ = true; }
  // The screenshot asked for, if one was, as `settings` say, named from `name_template`; the
  // window's own picture is read from `surface`, `width` x `height` pixels.
  void take_requested_screenshot(const Frame& frame, AppSurface& surface, const PictureSettings& settings,
                                 bool with_panel, const std::string& path);
  bool screenshot_requested() const { return screenshot_requested_; }
  const std::string& last_screenshot() const { return last_screenshot_; }
  // Toasts for the PNGs finished since the last call.
  void report_written();
  void wait_for_files() { png_writer_.wait_idle(); }

  // Starts recording (from `camera`: an orbit turns from there); on failure a toast says why too.
  Status start_recording(const RecordingSettings& settings, const OrbitCamera& camera);
  void stop_recording();  // the file is finished off the frame loop
  const Recording* recording() const { return recording_.get(); }
  bool finishing() const { return finishing_.valid(); }
  bool busy() const { return recording_ != nullptr || finishing_.valid(); }
  // How far the simulation moves this frame: exactly 1/fps while recording.
  std::optional<double> frame_seconds() const;
  // Once a frame, after drawing: the recording's next frame, with `camera` turned for its orbit.
  void record_frame(const Frame& frame, OrbitCamera& camera);

 private:
  Toasts& toasts_;
  AsyncPngWriter png_writer_;
  PictureMaker pictures_;
  bool screenshot_requested_ = false;
  std::string last_screenshot_;
  std::unique_ptr<Recording> recording_;
  OrbitCamera recording_camera_;   // the camera when it started: an orbit turns from there
  std::future<Status> finishing_;  // the error, once the file is complete
};

}  // namespace losscape
