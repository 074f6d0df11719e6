#pragma once
// The window: frame loop, camera and keyboard input, the ImGui panel, F12 screenshots.
#include "engine/app/capture/picture.hpp"
#include "engine/app/capture/recording.hpp"
#include "engine/app/cli/options.hpp"
#include "engine/app/panels/analysis_panel.hpp"
#include "engine/app/panels/balls_panel.hpp"
#include "engine/app/panels/function_panel.hpp"
#include "engine/app/panels/optimizer_panel.hpp"
#include "engine/app/panels/recording_panel.hpp"
#include "engine/app/panels/scene_panel.hpp"
#include "engine/app/panels/screenshot_panel.hpp"
#include "engine/app/panels/step_panel.hpp"
#include "engine/app/panels/view_panel.hpp"
#include "engine/app/scene_view.hpp"
#include "engine/app/ui/fonts.hpp"
#include "engine/app/window/app_surface.hpp"
#include "engine/app/window/camera_rig.hpp"
#include "engine/app/window/toasts.hpp"
#include "engine/app/window/window_capture.hpp"
#include "engine/render/camera.hpp"
#include "engine/render/gpu_timing.hpp"
#include "engine/render/render_target.hpp"
#include "engine/render/scene_renderer.hpp"
#include "engine/session/session.hpp"
#include "engine/sim/simulation.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace losscape {

class InteractiveApp {
 public:
  // The window; or why it cannot open (e.g. no display, or a scene that cannot be built).
  // `add_balls`: balls the session adds to each simulation it builds (Session::set_ball_adder).
  static Result<std::unique_ptr<InteractiveApp>> create(const Options& options, Presentation presentation,
                                                        const Session::BallAdder& add_balls = {});
  // The same app on an offscreen "screen", driven by code: tests and benchmarks press keys on
  // offscreen() and call frame(), with no display at all.
  static Result<std::unique_ptr<InteractiveApp>> create_offscreen(const Options& options, Presentation presentation,
                                                                  int width, int height);
  ~InteractiveApp();
  // Frames until the window closes, or until `keep_going` (asked after each frame, where given)
  // says no: Python's Ctrl-C or Jupyter's interrupt. Returns the exit code.
  int run(const std::function<bool()>& keep_going = {});
  void frame();  // one frame: input, simulation, UI, picture
  // Where a frame's time went, in milliseconds (measured only when asked: it waits for the GPU
  // at each stage, which a window should not do).
  struct FrameTimes {
    double simulation = 0.0, scene = 0.0, ui = 0.0, total = 0.0;
  };
  // Each frame's stages timed, on the CPU (last_frame_times) and the GPU (gpu_timeline: its
  // timestamps, summed over the frames), waiting for the GPU after each: the benchmark's split.
  void measure_frames(bool on) {
    measure_frames_ = on;
    renderer_.set_timeline(on ? &gpu_timeline_ : nullptr);
  }
  const FrameTimes& last_frame_times() const { return frame_times_; }
  const GpuTimeline& gpu_timeline() const { return gpu_timeline_; }
  int msaa_samples() const { return render_options_.msaa_samples; }
  OffscreenSurface* offscreen() { return offscreen_; }
  // What tests and benchmarks use: a screenshot now, as F12 would take it (the settings as in the
  // panel), and the path it is written to once encoded.
  // `folder`: where to write it (the current folder if empty).
  std::string screenshot_now(int size_index, bool with_panel, bool transparent, const std::string& folder = "");
  // Starts recording to `path` as the panel would; on failure a toast says why too.
  Status record(const std::string& path, double seconds, int fps);
  bool recording() const { return capture_.busy(); }
  void wait_for_files() { capture_.wait_for_files(); }
  // What tests look at.
  const Presentation& presentation() const { return session_->presentation(); }
  const Scene& scene() const { return session_->scene(); }
  const Simulation& simulation() const { return session_->simulation(); }
  const BasinMap* basin_map() const { return session_->analysis().map(); }
  SceneRenderer::TerrainStats terrain_stats() const { return renderer_.terrain_stats(); }
  bool presenter_mode() const { return presenter_; }
  bool panel_shown() const { return show_ui_; }
  bool help_shown() const { return show_help_; }
  // Opens a scene or deck file as if it were dropped on the window: shown once its first scene
  // builds; else a message says why and the scene on screen stays (the browser's links use it).
  void open_file(const std::string& path);
  // What is on screen as a scene file's text (what Ctrl+S would save).
  std::string current_scene_text() const;
  // What a host does in the app's place (the browser's page, web_main.cpp): where it makes links,
  // the panel offers "Copy link", which hands it the scene on screen as a scene file's text; where
  // it records (the browser's MediaRecorder: WebM from the canvas), Ctrl+R and the panel's button
  // start and stop its recording, which it says whether runs.
  struct HostActions {
    std::function<void(const std::string& scene_text)> copy_link;
    std::function<bool()> toggle_recording;  // true: a recording runs now
  };
  void set_host_actions(HostActions actions) {
    host_ = std::move(actions);
    scene_panel_.offer_link = static_cast<bool>(host_.copy_link);
  }

 private:
  InteractiveApp() = default;
  Status open_session(Presentation presentation, const Session::BallAdder& add_balls = {});
  // With the surface's context current: GPU swarms on where it can, then the session if it waited
  // for the context (`later`: a big swarm's), and where a big swarm runs said on stderr.
  // `swarm_device`: --swarm-device (where a swarm of more than 10,000 may run).
  Status open_surface(std::optional<Presentation> later, const std::string& swarm_device,
                      const Session::BallAdder& add_balls = {});
  // What both create()s share, once a surface exists. `msaa`: --msaa, or -1 for this renderer's
  // default.
  static Result<std::unique_ptr<InteractiveApp>> start(std::unique_ptr<InteractiveApp> app, int msaa);
  // The frame's stages (frame()).
  void handle_input(int& width, int& height);  // the framebuffer's size, for the rest of the frame
  void advance();                              // the simulation and what follows it
  void draw_scene(int width, int height);
  void draw_ui(int width, int height);
  void handle_camera_input(int width, int height);
  void handle_shortcuts();
  void build_ui();
  void build_panel(PanelContext& context);
  void toast(const std::string& text, bool error = false) { toasts_.show(text, error); }
  // What the panel's sections work with this frame.
  PanelContext panel_context() { return {*session_, render_options_, rig_, renderer_, toasts_, requests_}; }
  // Does what the panel asked of the window this frame (before the session's edits are applied).
  void carry_out_requests();
  // Follows what the session's edits did, once the UI is built (the terrain, the camera, a slide's
  // view and swarm settings); an edit that could not be built leaves everything and says why.
  void apply_edits();
  std::string window_title() const;
  // {scene} in a screenshot's, recording's or saved scene's name: the title, else the function.
  std::string file_stem(const Scene& scene) const;
  // The basin map and sweep the panel and the view ask for, computed in the background.
  void update_analysis();
  // Scene files (scene_files.cpp): files edited on disk, dropped or opened, the current state saved as a
  // scene.
  void reload_changed_files();
  Scene current_state() const;  // what Ctrl+S saves: reloads to the same picture and trajectories
  void save_scene();
  // Slides the view into the middle of the window right of the panel (none without it).
  void update_lens_shift(double elapsed_seconds);
  // Presenter mode and the camera helpers of a lecture (presenter.cpp).
  void toggle_presenter_mode();
  void set_ui_scale(float scale);                // applied before the next frame (fonts are rebaked)
  void apply_ui_style();                         // the UI scale and the view's theme, between frames
  void toggle_theme();                           // L: dark for the lecture hall, light for print
  void update_automatic_camera(double seconds);  // auto-orbit, follow the ball
  void store_bookmark(int key);
  void recall_bookmark(int key);
  // T: glide to the flat top-down contour view (contours on), or back to the 3D view it left.
  void toggle_top_down_view();
  void build_help_overlay();
  // Pictures and recordings (window_pictures.cpp): names and sizes from the panel, for capture_.
  WindowCapture::Frame capture_frame();
  void take_screenshot(int width, int height);  // F12's, once the frame is drawn
  void start_recording();
  void toggle_recording();     // Ctrl+R: the host's recording where it has one, else capture_'s
  void export_trajectories();  // every ball's steps so far, CSV, in the current folder

  std::unique_ptr<AppSurface> surface_;
  OffscreenSurface* offscreen_ = nullptr;  // surface_, when it is one
  SceneRenderer renderer_;
  RenderTarget target_;
  RenderOptions render_options_;
  CameraRig rig_;  // the camera, and what moves it besides the mouse
  // The presentation, the scene and the simulation, and the edits to them; the view settings
  // shown live in render_options_.
  std::unique_ptr<Session> session_;
  Toasts toasts_;
  WindowCapture capture_{toasts_};  // screenshots and recordings (after toasts_, which it uses)
  bool show_ui_ = true;
  Fonts fonts_;
  float ui_scale_ = 1.0f;              // the user's (or the screen's) text and panel size
  float applied_ui_scale_ = 0.0f;      // what the fonts were baked at (times 1.5 in presenter mode)
  Theme applied_theme_ = Theme::dark;  // ImGui's style's
  bool presenter_ = false;
  bool measure_frames_ = false;
  FrameTimes frame_times_;
  GpuTimeline gpu_timeline_;
  float panel_right_ = 0.0f;     // the panel's right edge last frame, window units
  bool was_fullscreen_ = false;  // before presenter mode
  bool show_help_ = false;
  double next_file_check_ = 0.0;
  // The panel's sections with their own widget state, and what they asked of the window.
  ScenePanel scene_panel_;
  HostActions host_;
  FunctionPanel function_panel_;
  OptimizerPanel optimizer_panel_;
  BallsPanel balls_panel_;
  StepPanel step_panel_;
  ViewPanel view_panel_;
  AnalysisPanel analysis_panel_;
  ScreenshotPanel screenshot_panel_;
  RecordingPanel record_panel_;
  WindowRequests requests_;
  float mouse_down_travel_ = 0.0f;  // pixels moved since the left button went down
  double last_time_ = 0.0;
};

}  // namespace losscape
