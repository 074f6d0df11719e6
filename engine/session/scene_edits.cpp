// The session's edits: each makes the scene it asks for from the edited scene, and the session
// builds it after the UI (Session::apply_edits); parameters and dropped balls take effect at once.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/optimizers/path_replay.hpp"
#include "engine/scene/scene_factory.hpp"
#include "engine/scene/suggested_learning_rate.hpp"
#include "engine/session/session.hpp"

#include <algorithm>

namespace losscape {
void Session::select_function(const FunctionSource& source) {
  Scene scene = edited_scene();
  scene.function = source;
  scene.formula_parameters.clear();
  for (BallSpec& ball : scene.balls) ball.start.reset();  // each function has its own sensible start...
  forget_learning_rates(scene);                           // ...learning rate (suggested_learning_rate.hpp)...
  scene.camera = {};                                      // ...and view;
  scene.annotations.clear();                              // the labels were about the old one
  scene.title.clear();
  request(scene, true);
}

bool Session::apply_formula(const std::string& text, formula::CompileError& error) {
  // Check the text at once, so a typo shows under the box with a caret and changes nothing.
  if (!make_builtin_function(text) && !FormulaFunction::create(text, {-5, 5, -5, 5}, error)) return false;
  // Keep the balls where they were dropped when only the formula changes.
  const bool was_formula = std::holds_alternative<FormulaSource>(scene_.function);
  Scene scene = was_formula ? with_current_starts(edited_scene()) : edited_scene();
  if (!was_formula) {
    for (BallSpec& ball : scene.balls) ball.start.reset();
  }
  scene.function = parse_function_source(text);
  scene.formula_parameters.clear();  // the where clause says
  scene.camera = {};
  scene.annotations.clear();
  forget_learning_rates(scene);
  request(scene, true);
  return true;
}

void Session::set_formula_parameter(const std::string& name, double value) {
  Scene scene = with_current_starts(edited_scene());
  set_named_value(scene.formula_parameters, name, value);
  request(scene, true);
}

void Session::set_optimizer_enabled(const std::string& name, bool enabled) {
  Scene scene = with_current_starts(edited_scene());
  auto& balls = scene.balls;
  if (balls.empty()) balls.push_back(BallSpec{});
  const auto uses = [&](const BallSpec& b) { return b.optimizer.name == name; };
  if (enabled && std::none_of(balls.begin(), balls.end(), uses)) {
    // A new racer at each place a ball starts from; balls stay in the registry's order, so
    // colours and the legend stay put as boxes are ticked.
    std::vector<std::optional<glm::dvec2>> starts;
    for (const BallSpec& b : balls) {
      if (std::find(starts.begin(), starts.end(), b.start) == starts.end()) starts.push_back(b.start);
    }
    for (const auto& start : starts) balls.push_back(BallSpec{start, OptimizerSpec{name, {}}, std::nullopt, ""});
    const auto& names = optimizer_names();
    auto rank = [&](const BallSpec& b) {
      return std::find(names.begin(), names.end(), b.optimizer.name) - names.begin();
    };
    std::stable_sort(balls.begin(), balls.end(),
                     [&](const BallSpec& a, const BallSpec& b) { return rank(a) < rank(b); });
  } else if (!enabled && std::any_of(balls.begin(), balls.end(), [&](const BallSpec& b) { return !uses(b); })) {
    balls.erase(std::remove_if(balls.begin(), balls.end(), uses), balls.end());  // never the last one
  }
  request(scene, false);
}

void Session::set_inner_method(const std::string& optimizer, const std::string& label, const std::string& inner) {
  const std::string wrapped = optimizer.substr(0, optimizer.find(':')) + ":" + inner;
  const auto made = make_optimizer(wrapped);
  if (!made) return;
  const auto& table = made->parameter_table();
  const auto kept = [&](const std::string& key) {
    return std::any_of(table.begin(), table.end(), [&](const ParameterSpec& spec) { return spec.key == key; });
  };
  Scene scene = with_current_starts(edited_scene());
  for (BallSpec& ball : scene.balls) {
    if (ball.optimizer.name != optimizer || ball_label(ball) != label) continue;
    ball.optimizer.name = wrapped;
    auto& parameters = ball.optimizer.parameters;
    parameters.erase(
        std::remove_if(parameters.begin(), parameters.end(), [&](const auto& p) { return !kept(p.first); }),
        parameters.end());
  }
  request(scene, false);
}

void Session::launch_swarm(const SwarmSpec& layout) {
  Scene scene = with_current_starts(edited_scene());  // the ordinary balls start where they are now
  SceneSwarm swarm{layout, std::nullopt};
  // The swarm runs the analysis optimizer with the parameters its balls have now.
  if (const Ball* ball = analysis_ball()) {
    OptimizerSpec spec{ball->optimizer->name(), {}};
    const auto& table = ball->optimizer->parameter_table();
    for (std::size_t i = 0; i < table.size(); ++i)
      spec.parameters.emplace_back(table[i].key, ball->optimizer->parameter_values()[i]);
    if (const Schedule* schedule = ball->optimizer->schedule()) spec.schedule = schedule->spec();  // its schedule too
    swarm.optimizer = spec;
  }
  scene.swarm = swarm;
  request(scene, false);
}

void Session::set_noise(const GradientNoise& noise) {
  Scene scene = with_current_starts(edited_scene());
  scene.noise = noise;
  request(scene, false);
}

void Session::clear_swarm() {
  Scene scene = edited_scene();
  scene.swarm.reset();
  request(scene, false);
}

void Session::show_slide(std::size_t index) {
  if (index >= next_presentation().size()) return;
  Presentation probe = next_presentation();
  probe.go_to(index);
  request_slide(index, probe.scene(), false);
}

Result<std::size_t> Session::open(const std::string& path) {
  auto opened = Presentation::open(path);
  if (!opened) return Error{opened.error()};
  const std::size_t scenes = opened->size();
  pending_ = PendingEdit{opened->scene(), true, 0, false, std::move(*opened)};
  return scenes;
}

Result<bool> Session::reload_changed_files() {
  auto reloaded = presentation_.reload_if_changed();
  if (!reloaded || !*reloaded) return reloaded;  // an error: the scene on screen stays
  // The edited slide, as the file says now; the camera moves only if the file's camera changed.
  const bool camera_changed = presentation_.scene().camera != slide_as_read_.camera;
  request_slide(presentation_.index(), presentation_.scene(), !camera_changed);
  return true;
}

void Session::set_parameter(const std::string& optimizer, const std::string& label, const std::string& key,
                            double value) {
  // Running balls take the new value at once (changing lr mid-run is part of the fun)...
  for (Ball& ball : simulation_->balls()) {
    if (!ball.swarm && ball.optimizer->name() == optimizer && ball.label == label)
      static_cast<void>(ball.optimizer->set_parameter(key, value));  // the slider keeps to the range
  }
  // ...and the scene remembers it for rebuilds (and saving), a pending edit's too.
  for (Scene* scene : {&scene_, pending_ ? &pending_->scene : nullptr}) {
    if (!scene) continue;
    for (BallSpec& ball : scene->balls) {
      if (ball.optimizer.name == optimizer && ball_label(ball) == label)
        set_named_value(ball.optimizer.parameters, key, value);
    }
  }
}

void Session::set_schedule(const std::string& optimizer, const std::string& label,
                           const std::optional<ScheduleSpec>& schedule) {
  Scene scene = with_current_starts(edited_scene());
  if (scene.balls.empty()) scene.balls.push_back(BallSpec{});
  for (BallSpec& ball : scene.balls) {
    if (ball.optimizer.name == optimizer && ball_label(ball) == label) ball.optimizer.schedule = schedule;
  }
  request(scene, false);
}

void Session::drop_balls_at(glm::dvec2 point) {
  for (Scene* scene : {&scene_, pending_ ? &pending_->scene : nullptr}) {
    if (!scene) continue;
    for (BallSpec& ball : scene->balls) {
      if (!replays_path(ball)) ball.start = point;
    }
  }
  for (Ball& ball : simulation_->balls()) {
    // The swarm stays spread out; a replayed path starts where its file does.
    if (!ball.swarm && !as_replay(*ball.optimizer)) simulation_->reset_ball(ball, point);
  }
}

}  // namespace losscape
