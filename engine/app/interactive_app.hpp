#pragma once
// The window: frame loop, camera and keyboard input, the ImGui panel, F12 screenshots.
#include "engine/app/basin_analysis.hpp"
#include "engine/app/options.hpp"
#include "engine/app/scene_setup.hpp"
#include "engine/math/simulation.hpp"
#include "engine/platform/window.hpp"
#include "engine/render/camera.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/render/render_target.hpp"
#include "engine/render/scene_renderer.hpp"

#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace losscape {

class InteractiveApp {
 public:
  // Returns nullptr and sets `error` when no window can be opened (e.g. no display).
  static std::unique_ptr<InteractiveApp> create(const Options& options, const Scene& scene,
                                                std::string& error);
  ~InteractiveApp();
  int run();  // until the window closes; returns the exit code

 private:
  InteractiveApp() = default;
  void handle_camera_input(int width, int height);
  void handle_shortcuts();
  void build_ui();
  void build_panel();
  void build_toasts();
  void toast(std::string text, bool error = false);
  // Scene edits from the UI. Each asks for a rebuild from a changed copy of the scene's
  // description; the rebuild happens after the UI is built (apply_pending_rebuild), so nothing
  // the panel is looking at is destroyed under it. On failure the scene stays and a toast says why.
  void select_function(const std::string& name);
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
  void build_legend();
  // Local versus global minima (analysis_panel.cpp): the swarm, the basin map and its statistics,
  // the learning-rate sweep, the swarm's legend, and what a marker says when hovered.
  void update_analysis();
  const Ball* analysis_ball() const;
  void build_analysis_section();
  void build_swarm_controls();
  void build_basin_controls();
  void build_statistics();
  void build_sweep_plot();
  void build_swarm_legend();
  void build_marker_tooltip(int width, int height);
  void launch_swarm();
  void clear_swarm();
  void request_screenshot() { screenshot_requested_ = true; }
  void take_screenshot(int width, int height);
  void export_trajectories();  // every ball's steps so far, CSV, in the current folder

  struct Toast {
    std::string text;
    bool error = false;
    double expires = 0.0;
  };

  std::unique_ptr<Window> window_;
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
  };
  std::optional<PendingRebuild> pending_;
  char formula_text_[1024] = {};   // the formula box
  std::string formula_error_;      // the last typed formula's error, shown under the box
  int formula_error_column_ = 0;
  bool screenshot_requested_ = false;
  BasinAnalysis analysis_;
  std::string analysis_optimizer_;  // the optimizer the swarm and maps use: empty = the first
  bool statistics_open_ = false, sweep_open_ = false;  // panel sections (their data is computed only then)
  SwarmSpec swarm_settings_;        // what "Launch swarm" launches
  std::uint64_t simulation_generation_ = 0, adopted_generation_ = 0;  // re-adopt the map's minima per simulation
  float mouse_down_travel_ = 0.0f;  // pixels moved since the left button went down
  double last_time_ = 0.0;
};

}  // namespace losscape
