#pragma once
// The one owner of what is being shown: the presentation (a deck, or one scene), the scene the
// simulation was built from, the simulation itself, this frame's edits, and the basin analysis
// that follows them. Every front-end drives it: the window, the batch path, the tests (and the
// browser and Python to come). No GL, no window, no UI.
//
// Edits that rebuild the simulation (another function, optimizers ticked, a swarm, a slide) are
// recorded while the UI is built and applied once, after it (apply_edits), so nothing the UI is
// looking at is destroyed under it. An edit whose scene cannot be built changes nothing and says
// why (a file opened stays unopened; a file edited on disk is read at once, as it is what the disk
// holds, but the scene on screen stays). Edits that take effect at once (a parameter, balls dropped elsewhere) change
// the running balls and the scene together, a pending edit's scene too.
#include "engine/core/formula/compiler.hpp"
#include "engine/core/result.hpp"
#include "engine/scene/presentation.hpp"
#include "engine/sim/basin_analysis.hpp"
#include "engine/sim/simulation.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace losscape {

class Session {
 public:
  // The presentation's current slide, built; or why it cannot be (prefixed with the slide's file
  // and place for a data file that cannot be read).
  static Result<std::unique_ptr<Session>> create(Presentation presentation, const SimulationSettings& settings);

  const Presentation& presentation() const { return presentation_; }
  const Scene& scene() const { return scene_; }  // what the simulation was built from
  // The scene as it will be after this frame's edits.
  const Scene& edited_scene() const { return pending_ ? pending_->scene : scene_; }
  // The slide shown, or about to be (several Page Downs in one frame each count).
  std::size_t current_slide() const;
  Simulation& simulation() { return *simulation_; }
  const Simulation& simulation() const { return *simulation_; }
  // The edited scene as it stands now: the ordinary balls start where they do now (clicked
  // there, or a default start) and it plays at the speed set. What Ctrl+S saves, with the view.
  Scene current_state() const;

  // Edits applied after the UI (apply_edits).
  void select_function(const FunctionSource& source);
  // A typed formula, checked at once: false with `error` (message and column) and nothing
  // changed when it does not compile, so a typo can be shown under the box.
  bool apply_formula(const std::string& text, formula::CompileError& error);
  void set_formula_parameter(const std::string& name, double value);
  // A loss-surface file's heights (clamped, log): the same surface reshaped, so the view, the
  // labels and the balls' starts stay; the balls roll again. Nothing for another function.
  void set_surface_height(const SurfaceHeight& height);
  void set_optimizer_enabled(const std::string& name, bool enabled);
  // The balls driven by the wrapper `optimizer` (lookahead:adam, sam...) and labelled `label` wrap
  // `inner` instead (lookahead:momentum); they keep the parameters the new method also has.
  void set_inner_method(const std::string& optimizer, const std::string& label, const std::string& inner);
  // Launches a swarm laid out as `layout`, running the analysis optimizer with the parameters
  // its balls have now; or clears it.
  void launch_swarm(const SwarmSpec& layout);
  // The gradient noise, minibatch and seed of every ball: the balls start again from their
  // starts, so the same seed shows the same run again.
  void set_noise(const GradientNoise& noise);
  void clear_swarm();
  void show_slide(std::size_t index);
  // Opens a scene or deck file to show its first slide once the edits are applied: its number of
  // scenes; or why not. Nothing changes until its first slide builds (apply_edits says if not).
  Result<std::size_t> open(const std::string& path);
  // Reads the presentation's files again if any changed on disk (the changed slide then shows):
  // whether they did; or why they cannot be read (the scene stays).
  Result<bool> reload_changed_files();

  // Edits that take effect at once. Sets a parameter of the balls driven by `optimizer` and
  // labelled `label` (a scene may race one optimizer against itself with other parameters).
  void set_parameter(const std::string& optimizer, const std::string& label, const std::string& key, double value);
  // The learning-rate schedule of the balls running `optimizer` under `label` (none: a constant
  // lr); they start again, as the schedule does.
  void set_schedule(const std::string& optimizer, const std::string& label,
                    const std::optional<ScheduleSpec>& schedule);
  void drop_balls_at(glm::dvec2 point);  // the ordinary balls start again there; the swarm stays

  // What applying this frame's edits did, for the front-end to follow.
  struct Applied {
    bool rebuilt = false;          // a new simulation
    bool surface_changed = false;  // the function, its parameters or domain: a new terrain
    bool new_function = false;     // another function than before (not only other parameters)
    bool new_slide = false;        // a slide's own view, camera and swarm settings come with it
    bool keep_camera = false;      // (a new slide) the slide's camera is the one already shown
    std::string error;             // the edit could not be built: nothing changed
  };
  Applied apply_edits();

  // The basin map and learning-rate sweep of the analysis optimizer (the first ball's, or the one
  // chosen in a race), computed in the background. Once a frame: true when a new map arrived.
  // `grid` and `max_steps`: the map's starts per side and step limit.
  bool update_analysis(int grid, std::size_t max_steps, bool want_map, bool want_sweep);
  BasinAnalysis& analysis() { return analysis_; }
  const BasinAnalysis& analysis() const { return analysis_; }
  // The ball whose optimizer the swarm and the maps follow; `name` empty: the first ball's that runs a
  // method (a replayed training path runs none; nullptr when no ball does).
  const Ball* analysis_ball() const;
  void set_analysis_optimizer(const std::string& name) { analysis_optimizer_ = name; }
  // Balls a front-end adds to each simulation this session builds (and to the current one at
  // once): Python's optimizer objects (engine/app/python), which no scene file can name, so that
  // they race on in the window after an edit rebuilds the balls.
  using BallAdder = std::function<void(Simulation&)>;
  void set_ball_adder(BallAdder add);

 private:
  Session() = default;
  struct PendingEdit {
    Scene scene;
    bool surface_changed = false;
    // A new slide (or the slide's file edited): `slide` becomes the presentation's current one,
    // and its view, camera and swarm settings are taken too, if the build succeeds.
    std::optional<std::size_t> slide;
    bool keep_camera = false;
    // A file opened: it becomes the presentation only if its slide builds, so a file whose first
    // scene cannot be built leaves everything as it was.
    std::optional<Presentation> opened;
  };
  // The presentation a slide change refers to: one opened this frame, else the current one.
  const Presentation& next_presentation() const;
  Playback current_playback() const;  // the speed set and whether it plays, now
  // `scene` with its ordinary balls starting where the simulation's do now.
  Scene with_current_starts(Scene scene) const;
  void request(const Scene& scene, bool surface_changed);
  void request_slide(std::size_t index, const Scene& scene, bool keep_camera);

  Presentation presentation_;
  Scene scene_;
  Scene slide_as_read_;  // the current slide as its file said, to see what an edit changed
  // surface_key(scene_), which the basin analysis compares once a frame: made when scene_ is.
  std::string surface_key_;
  std::unique_ptr<Simulation> simulation_;
  std::optional<PendingEdit> pending_;
  BasinAnalysis analysis_;
  std::string analysis_optimizer_;  // the optimizer the swarm and maps use: empty = the first
  bool minima_adopted_ = false;     // this simulation has taken the basin map's minima
  BallAdder add_balls_;
};

}  // namespace losscape
