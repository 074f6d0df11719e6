#include "engine/session/session.hpp"

#include "engine/scene/scene_factory.hpp"

#include <algorithm>

namespace losscape {

Result<std::unique_ptr<Session>> Session::create(Presentation presentation, const SimulationSettings& settings) {
  std::unique_ptr<Session> session(new Session());
  session->presentation_ = std::move(presentation);
  const Scene& scene = session->presentation_.scene();
  auto simulation = build_simulation(scene, settings);
  if (!simulation) return Error{session->presentation_.function_error_prefix(simulation.error()) + simulation.error()};
  session->simulation_ = std::move(*simulation);
  session->scene_ = scene;
  session->surface_key_ = surface_key(scene);
  session->slide_as_read_ = scene;
  return session;
}

void Session::set_ball_adder(BallAdder add) {
  add_balls_ = std::move(add);
  if (add_balls_) add_balls_(*simulation_);
}

std::size_t Session::current_slide() const {
  return pending_ && pending_->slide ? *pending_->slide : presentation_.index();
}

const Presentation& Session::next_presentation() const {
  return pending_ && pending_->opened ? *pending_->opened : presentation_;
}

Scene Session::with_current_starts(Scene scene) const {
  std::size_t i = 0;
  for (const Ball& ball : simulation_->balls()) {
    if (!ball.swarm && i < scene.balls.size()) scene.balls[i++].start = ball.start;
  }
  return scene;
}

Playback Session::current_playback() const {
  return {simulation_->settings().steps_per_second, simulation_->playing()};
}

Scene Session::current_state() const {
  Scene scene = with_current_starts(edited_scene());
  scene.playback = current_playback();
  return scene;
}

void Session::request(const Scene& scene, bool surface_changed) {
  if (pending_) {  // an earlier request this frame (a slide change too) keeps what it asked for
    pending_->scene = scene;
    pending_->surface_changed = pending_->surface_changed || surface_changed;
    return;
  }
  pending_ = PendingEdit{scene, surface_changed, std::nullopt, false, std::nullopt};
}

void Session::request_slide(std::size_t index, const Scene& scene, bool keep_camera) {
  std::optional<Presentation> opened;  // a file opened this frame stays the one the slide is of
  if (pending_ && pending_->opened) opened = std::move(pending_->opened);
  pending_ = PendingEdit{scene, true, index, keep_camera, std::move(opened)};
}

Session::Applied Session::apply_edits() {
  Applied applied;
  if (!pending_) return applied;
  PendingEdit edit = std::move(*pending_);
  pending_.reset();
  Scene scene = std::move(edit.scene);
  // An edit keeps the speed the user set; a new slide plays at its own.
  if (!edit.slide) scene.playback = current_playback();
  auto built = build_simulation(scene, simulation_->settings());
  if (!built) {
    Presentation where = edit.opened ? *edit.opened : presentation_;  // a slide's data file: say where
    const bool on_slide = edit.slide && where.go_to(*edit.slide);
    applied.error =
        (on_slide ? where.function_error_prefix(built.error()) : "") + built.error();  // the current scene stays
    return applied;
  }
  std::unique_ptr<Simulation> next = std::move(*built);
  if (add_balls_) add_balls_(*next);
  applied.rebuilt = true;
  applied.new_function = next->cost().name() != simulation_->cost().name();
  applied.surface_changed = edit.surface_changed;
  simulation_ = std::move(next);
  minima_adopted_ = false;  // the basin map's minima are adopted again (update_analysis)
  scene_ = std::move(scene);
  surface_key_ = surface_key(scene_);
  if (edit.slide) {
    applied.new_slide = true;
    applied.keep_camera = edit.keep_camera;
    analysis_optimizer_.clear();
    if (edit.opened) presentation_ = std::move(*edit.opened);
    presentation_.go_to(*edit.slide);
    slide_as_read_ = presentation_.scene();
  }
  return applied;
}

namespace {
// A replayed path or a solver process is no method to map (a basin map runs thousands of starts).
bool maps_method(const Ball& ball) { return ball.optimizer->maps(); }
}  // namespace

const Ball* Session::analysis_ball() const {
  for (const Ball& ball : simulation_->balls()) {
    if (!maps_method(ball)) continue;
    if (analysis_optimizer_.empty() || ball.optimizer->name() == analysis_optimizer_) return &ball;
  }
  const auto& balls = simulation_->balls();
  const auto method = std::find_if(balls.begin(), balls.end(), maps_method);
  return method == balls.end() ? nullptr : &*method;
}

bool Session::update_analysis(int grid, std::size_t max_steps, bool want_map, bool want_sweep) {
  const Ball* ball = analysis_ball();
  const BasinAnalysis::Inputs inputs{simulation_->cost_ptr(), ball ? ball->optimizer.get() : nullptr, surface_key_};
  analysis_.settings.grid = grid;
  analysis_.settings.max_steps = max_steps;
  const bool fresh = analysis_.update(inputs, want_map, want_sweep);
  // The map's minima come first in the simulation's list: the overlay's colours are the swarm's.
  if (analysis_.map() && (fresh || !minima_adopted_)) {
    simulation_->adopt_minima(analysis_.map()->minima);
    minima_adopted_ = true;
  }
  return fresh;
}

}  // namespace losscape
