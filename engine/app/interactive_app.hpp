#pragma once
// The window: frame loop, camera and keyboard input, the ImGui panel, F12 screenshots.
#include "engine/app/app_surface.hpp"
#include "engine/app/fonts.hpp"
#include "engine/app/options.hpp"
#include "engine/app/picture.hpp"
#include "engine/app/recording.hpp"
#include "engine/app/scene_view.hpp"
#include "engine/render/camera.hpp"
#include "engine/render/gpu_timing.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/render/render_target.hpp"
#include "engine/render/scene_renderer.hpp"
#include "engine/scene/presentation.hpp"
#include "engine/scene/scene_factory.hpp"
#include "engine/sim/basin_analysis.hpp"
#include "engine/sim/simulation.hpp"

#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <string>

namespace losscape {

class InteractiveApp {
 public:
  // Returns nullptr and sets `error` when no window can be opened (e.g. no display).
  static std::unique_ptr<InteractiveApp> create(const Options& options, Presentation presentation, std::string& error);
  // The same app on an offscreen "screen", driven by code: tests and benchmarks press keys on
  // offscreen() and call frame(), with no display at all.
  static std::unique_ptr<InteractiveApp> create_offscreen(const Options& options, Presentation presentation, int width,
                                                          int height, std::string& error);
  ~InteractiveApp();
  int run();     // frames until the window closes; returns the exit code
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
  // Starts recording to `path` as the panel would; false (with a message shown) on failure.
  bool record(const std::string& path, double seconds, int fps);
  bool recording() const { return recording_ != nullptr || finishing_.valid(); }
  void wait_for_files() { png_writer_.wait_idle(); }
  // What tests look at.
  const Presentation& presentation() const { return presentation_; }
  const Scene& scene() const { return scene_; }
  const Simulation& simulation() const { return *simulation_; }
  SceneRenderer::TerrainStats terrain_stats() const { return renderer_.terrain_stats(); }
  bool presenter_mode() const { return presenter_; }
  bool panel_shown() const { return show_ui_; }
  bool help_shown() const { return show_help_; }

 private:
  InteractiveApp() = default;
  // What both create()s share, once a surface exists; nullptr with `error` on failure.
  // `msaa`: --msaa, or -1 for this renderer's default.
  static std::unique_ptr<InteractiveApp> start(std::unique_ptr<InteractiveApp> app, int msaa, std::string& error);
  void handle_camera_input(int width, int height);
  void handle_shortcuts();
  void build_ui();
  void build_panel();
  void build_toasts();
  void toast(const std::string& text, bool error = false);
  // Scene edits from the UI. Each asks for a rebuild from a changed copy of the scene's
  // description; the rebuild happens after the UI is built (apply_pending_rebuild), so nothing
  // the panel is looking at is destroyed under it. On failure the scene stays and a toast says why.
  void select_function(const FunctionSource& source);
  void set_optimizer_enabled(const std::string& name, bool enabled);
  // Sets a parameter of the balls driven by `optimizer` and labelled `label` (a scene may race
  // one optimizer against itself with other parameters: each such group has its own sliders).
  void set_parameter(const std::string& optimizer, const std::string& label, const std::string& key, double value);
  // surface_changed: the function, its parameters or domain changed (rebuild the terrain).
  void request_rebuild(const Scene& scene, bool surface_changed);
  void apply_pending_rebuild();
  // The scene as it will be after this frame's edits.
  const Scene& current_scene() const { return pending_ ? pending_->scene : scene_; }
  void apply_formula(const std::string& text);
  void set_formula_parameter(const std::string& name, double value);
  void build_function_section();
  void drop_balls_at(glm::dvec2 point);
  void build_optimizer_section();
  void build_ball_table();
  void build_loss_plot();
  // The View section: a control per row of the view's table (view_fields.hpp), a combo box for a
  // name, the height scale's naming the function's own, the terrain mesh's (auto or uniform N x N)
  // counting its triangles.
  void build_view_settings();
  void build_choice_control(const ViewField& field);
  void build_height_control(const char* label);
  void build_resolution_control(const char* label);
  // Local versus global minima (analysis_panel.cpp): the swarm, the basin map and its statistics,
  // the learning-rate sweep, the swarm's legend, and what a marker says when hovered.
  void update_analysis();
  const Ball* analysis_ball() const;
  void build_analysis_section();
  void build_swarm_controls();
  void build_basin_controls();
  void build_statistics();
  void build_sweep_plot();
  void build_marker_tooltip(int width, int height);
  void launch_swarm();
  void clear_swarm();
  // Lectures (lecture.cpp): slides of the presentation, files edited on disk, dropped or opened,
  // the current state saved as a scene, and the camera's smooth move to a slide's view.
  void show_slide(std::size_t index);
  // The slide shown, or about to be (several Page Downs in one frame each count).
  std::size_t current_slide() const { return pending_ && pending_->slide ? *pending_->slide : presentation_.index(); }
  void reload_changed_files();
  void open_file(const std::string& path);
  Scene current_state() const;  // what Ctrl+S saves: reloads to the same picture and trajectories
  void save_scene();
  void move_camera_to(const OrbitCamera& target);
  void update_camera_move();
  // Slides the view into the middle of the window right of the panel (none without it).
  void update_lens_shift(double elapsed_seconds);
  void build_scene_section();
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
  bool top_down_view() const { return (camera_move_ ? camera_move_->to : camera_).orthographic; }
  void build_help_overlay();
  void request_screenshot() { screenshot_requested_ = true; }
  // F12: the picture the Screenshot settings ask for (the window with its panel, or the scene
  // alone at any size), encoded on the writer's thread.
  void take_screenshot(int width, int height);
  void build_screenshot_section();
  // Recording (recording_panel.cpp): while one runs, each frame advances the simulation by
  // exactly 1/fps and is drawn offscreen at the recording's size; finishing the file (ffmpeg's
  // last work) happens off the frame loop.
  void start_recording();
  void stop_recording();
  void record_frame();
  void build_recording_section();
  void export_trajectories();  // every ball's steps so far, CSV, in the current folder

  struct Toast {
    std::string text;
    bool error = false;
    double expires = 0.0;
  };

  std::unique_ptr<AppSurface> surface_;
  OffscreenSurface* offscreen_ = nullptr;  // surface_, when it is one
  SceneRenderer renderer_;
  RenderTarget target_;
  RenderOptions render_options_;
  OrbitCamera camera_;
  std::unique_ptr<Simulation> simulation_;
  Scene scene_;  // what the simulation was built from; view settings live in render_options_
  AsyncPngWriter png_writer_;
  std::deque<Toast> toasts_;
  bool show_ui_ = true;
  bool loss_log_scale_ = true;
  struct PendingRebuild {
    Scene scene;
    bool surface_changed = false;
    // A new slide (or the slide's file edited): its view, camera and swarm settings are taken
    // too, and `slide` becomes the presentation's current one, if the build succeeds.
    std::optional<std::size_t> slide;
    bool keep_camera = false;
  };
  std::optional<PendingRebuild> pending_;
  char formula_text_[1024] = {};  // the formula box
  std::string formula_error_;     // the last typed formula's error, shown under the box
  int formula_error_column_ = 0;
  bool screenshot_requested_ = false;
  struct ScreenshotSettings {
    int size = 0;  // 0: the window's; else an index into kScreenshotSizes
    bool with_panel = false;
    bool transparent = false;
    char name_template[128] = "losscape-{scene}-{date}-{time}";
  } screenshot_;
  PictureMaker pictures_;
  std::string last_screenshot_;
  struct RecordingPanel {
    char name_template[256] = "losscape-{scene}-{date}-{time}.mp4";
    float seconds = 10.0f;  // 0: until stopped
    int fps = 30;
    int size = 0;  // 0: the window's, else an index into kScreenshotSizes
    float orbit = 0.0f;
  } record_settings_;
  std::unique_ptr<Recording> recording_;
  OrbitCamera recording_camera_;        // the camera when it started: an orbit turns from there
  std::future<std::string> finishing_;  // the error, once the file is complete
  Presentation presentation_;
  Scene slide_as_read_;  // the current slide as its file said, to see what an edit changed
  struct CameraMove {
    OrbitCamera from, to;
    double start = 0.0, seconds = 0.8;
  };
  std::optional<CameraMove> camera_move_;
  Fonts fonts_;
  float ui_scale_ = 1.0f;              // the user's (or the screen's) text and panel size
  float applied_ui_scale_ = 0.0f;      // what the fonts were baked at (times 1.5 in presenter mode)
  Theme applied_theme_ = Theme::dark;  // ImGui's style's
  bool presenter_ = false;
  bool measure_frames_ = false;
  FrameTimes frame_times_;
  GpuTimeline gpu_timeline_;
  float panel_right_ = 0.0f;  // the panel's right edge last frame, window units
  // The view's slide to the middle of what the panel leaves free (OrbitCamera::lens_shift's x),
  // eased when the panel comes or goes; -1 until the panel has been laid out once.
  float lens_shift_ = -1.0f;
  bool was_fullscreen_ = false;  // before presenter mode
  bool auto_orbit_ = false, follow_ball_ = false, show_help_ = false;
  std::optional<OrbitCamera> bookmarks_[9];
  struct BeforeTopDown {
    OrbitCamera camera;
    bool contours = false;
  };
  std::optional<BeforeTopDown> before_top_down_;  // what T returns to
  double next_file_check_ = 0.0;
  char save_path_[512] = {};
  char open_path_[512] = {};
  BasinAnalysis analysis_;
  std::string analysis_optimizer_;                     // the optimizer the swarm and maps use: empty = the first
  bool statistics_open_ = false, sweep_open_ = false;  // panel sections (their data is computed only then)
  SwarmSpec swarm_settings_;                           // what "Launch swarm" launches
  std::uint64_t simulation_generation_ = 0, adopted_generation_ = 0;  // re-adopt the map's minima per simulation
  float mouse_down_travel_ = 0.0f;                                    // pixels moved since the left button went down
  double last_time_ = 0.0;
};

}  // namespace losscape
