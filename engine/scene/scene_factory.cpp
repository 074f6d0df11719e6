#include "engine/scene/scene_factory.hpp"

#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/optimizers/path_replay.hpp"
#include "engine/core/optimizers/scheduled.hpp"
#include "engine/scene/data_costs.hpp"
#include "engine/scene/data_paths.hpp"
#include "engine/scene/external_solver.hpp"
#include "engine/scene/height_field_png.hpp"
#include "engine/scene/loss_surface_h5.hpp"
#include "engine/scene/path_exists.hpp"
#include "engine/scene/suggested_learning_rate.hpp"
#include "engine/scene/training_path_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <optional>

namespace losscape {

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

namespace {

// PATH as given if it exists, else beside the scene file, else the shipped asset of that name.
std::string resolve_data_path(const std::string& path, const std::string& scene_directory) {
  const std::filesystem::path assets = asset_directory();
  if (path_exists(path) || std::filesystem::path(path).is_absolute()) return path;
  for (const std::filesystem::path& folder : {std::filesystem::path(scene_directory), assets}) {
    if (folder.empty()) continue;
    if (const std::filesystem::path candidate = folder / path; path_exists(candidate)) return candidate.string();
  }
  return path;
}

// One kind of source each; the overloads are std::visit's cases.
Result<std::shared_ptr<const CostFunction>> make_function(const BuiltinSource& source, const Scene&) {
  if (auto builtin = make_builtin_function(source.name)) return std::shared_ptr<const CostFunction>(std::move(builtin));
  return unknown_function(source.name);  // never read as a formula: it was named as a built-in
}

Result<std::shared_ptr<const CostFunction>> make_function(const FormulaSource& source, const Scene& scene) {
  auto formula = make_formula_function(source.text, scene.domain ? &*scene.domain : nullptr);
  if (!formula) return Error{formula.error()};
  for (const auto& [name, value] : scene.formula_parameters) (*formula)->set_parameter(name, value);
  return std::shared_ptr<const CostFunction>(std::move(*formula));
}

// A loaded data file as a shared cost function, or the loader's error.
template <class Loaded>
Result<std::shared_ptr<const CostFunction>> shared(Result<std::unique_ptr<Loaded>> loaded) {
  if (!loaded) return Error{loaded.error()};
  return std::shared_ptr<const CostFunction>(std::move(*loaded));
}

Result<std::shared_ptr<const CostFunction>> make_function(const LineFitSource& source, const Scene& scene) {
  return shared(load_line_fit_csv(resolve_data_path(source.path.value_or("line_fit.csv"), scene.directory)));
}

Result<std::shared_ptr<const CostFunction>> make_function(const HeightFieldSource& source, const Scene& scene) {
  const std::string path = resolve_data_path(source.path, scene.directory);
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".png" || extension == ".PNG") {
    // An image carries no units: heights 0..1 over the --domain (default [-1, 1]^2).
    return shared(load_height_field_png(path, scene.domain.value_or(Domain{}), 0.0, 1.0));
  }
  return shared(load_height_field_csv(path));
}

Result<std::shared_ptr<const CostFunction>> make_function(const LossSurfaceSource& source, const Scene& scene) {
  return shared(load_loss_surface_h5(resolve_data_path(source.path, scene.directory), source.dataset, source.height));
}

}  // namespace

Result<std::shared_ptr<const CostFunction>> find_function(const Scene& scene) {
  return std::visit([&](const auto& source) { return make_function(source, scene); }, scene.function);
}

Result<std::vector<std::string>> loss_surfaces_of(const LossSurfaceSource& source, const Scene& scene) {
  return loss_surface_datasets(resolve_data_path(source.path, scene.directory));
}

glm::dvec2 default_start(const CostFunction& cost) {
  if (const std::optional<glm::dvec2> start = cost.preferred_start()) return *start;
  // Near a corner, where the path to a minimum is long enough to see; for a typed formula,
  // the nearest point to that where f and its gradient are defined.
  const Domain d = cost.domain();
  const glm::dvec2 preferred(d.x_min + 0.2 * d.width(), d.y_min + 0.75 * d.height());
  auto defined = [&](glm::dvec2 p) {
    const glm::dvec2 g = cost.gradient(p);
    return std::isfinite(cost.value(p)) && std::isfinite(g.x) && std::isfinite(g.y);
  };
  if (defined(preferred)) return preferred;
  glm::dvec2 best = preferred;
  double best_distance = std::numeric_limits<double>::infinity();
  for (int j = 0; j <= 40; ++j) {
    for (int i = 0; i <= 40; ++i) {
      const glm::dvec2 p(d.x_min + d.width() * (0.05 + 0.9 * i / 40.0), d.y_min + d.height() * (0.05 + 0.9 * j / 40.0));
      const double distance = glm::length(p - preferred);
      if (distance < best_distance && defined(p)) best = p, best_distance = distance;
    }
  }
  return best;
}

glm::vec3 ball_colour(std::size_t index) {
  static const glm::vec3 palette[] = {
      {0.94f, 0.22f, 0.18f}, {1.00f, 0.60f, 0.10f}, {0.96f, 0.45f, 0.78f}, {0.95f, 0.95f, 0.95f},
      {0.35f, 0.78f, 1.00f}, {0.65f, 0.35f, 0.15f}, {1.00f, 0.85f, 0.55f}, {0.60f, 0.10f, 0.30f},
  };
  return palette[index % (sizeof palette / sizeof palette[0])];
}

glm::vec3 scene_ball_colour(const Scene& scene, std::size_t ball) {
  const BallSpec& spec = scene.balls[ball];
  if (spec.colour) return *spec.colour;
  // In a race, one colour per optimizer (in order of first appearance): the legend's.
  std::vector<std::string> optimizers;
  for (const BallSpec& b : scene.balls) {
    if (std::find(optimizers.begin(), optimizers.end(), b.optimizer.name) == optimizers.end()) {
      optimizers.push_back(b.optimizer.name);
    }
  }
  if (optimizers.size() > 1) {
    const auto at = std::find(optimizers.begin(), optimizers.end(), spec.optimizer.name) - optimizers.begin();
    return ball_colour(static_cast<std::size_t>(at));
  }
  return ball_colour(ball);
}

std::string ball_label(const BallSpec& ball) {
  if (!ball.label.empty()) return ball.label;
  if (replays_path(ball)) return PathReplay::kTitle;
  if (runs_solver(ball)) return std::string(ExternalSolver::kName) + ": " + ball.solver;
  auto optimizer = make_optimizer(ball.optimizer.name);
  return optimizer ? optimizer->title() : ball.optimizer.name;
}

Result<std::unique_ptr<Optimizer>> build_optimizer(const OptimizerSpec& spec) {
  auto optimizer = make_optimizer(spec.name);
  if (!optimizer) return Error{unknown_optimizer(spec.name)};
  for (const auto& [key, value] : spec.parameters) {
    if (Status set = optimizer->set_parameter(key, value); !set) return Error{set.error()};
  }
  if (spec.schedule) return ScheduledOptimizer::make(std::move(optimizer), *spec.schedule);
  return optimizer;
}

OptimizerSpec analysis_optimizer_spec(const Scene& scene, const CostFunction& cost) {
  // A replayed path or a solver process is no method: the first ball that runs one (else gradient
  // descent).
  const auto with_method = std::find_if(scene.balls.begin(), scene.balls.end(), runs_method);
  OptimizerSpec spec = scene.swarm && scene.swarm->optimizer ? *scene.swarm->optimizer
                       : with_method == scene.balls.end()    ? OptimizerSpec{}
                                                             : with_method->optimizer;
  suggest_learning_rate(spec, cost, default_start(cost));
  return spec;
}

std::string surface_key(const Scene& scene) {
  std::string key = function_source_text(scene.function);
  char number[64];
  if (scene.domain) {
    std::snprintf(number, sizeof number, "|%.17g,%.17g", scene.domain->x_min, scene.domain->x_max);
    key += number;
    std::snprintf(number, sizeof number, ",%.17g,%.17g", scene.domain->y_min, scene.domain->y_max);
    key += number;
  }
  for (const auto& [name, value] : scene.formula_parameters) {
    std::snprintf(number, sizeof number, "=%.17g", value);
    key += "|" + name + number;
  }
  return key;
}

Result<std::unique_ptr<Simulation>> build_simulation(const Scene& scene, const SimulationSettings& settings) {
  auto found = find_function(scene);
  if (!found) return Error{found.error()};
  const std::shared_ptr<const CostFunction> cost = std::move(*found);
  if (Status noise = check_gradient_noise(scene.noise, *cost); !noise) return Error{noise.error()};
  SimulationSettings simulation_settings = settings;
  simulation_settings.steps_per_second = scene.playback.steps_per_second;
  simulation_settings.noise = scene.noise;
  auto simulation = std::make_unique<Simulation>(cost, simulation_settings);
  simulation->set_playing(scene.playback.playing);
  Scene defaults;
  const Scene* with_balls = &scene;
  if (scene.balls.empty()) {  // one gradient-descent ball from the default start
    defaults = scene;
    defaults.balls.push_back(BallSpec{});
    with_balls = &defaults;
  }
  for (std::size_t i = 0; i < with_balls->balls.size(); ++i) {
    const BallSpec& spec = with_balls->balls[i];
    if (replays_path(spec)) {
      auto path = load_training_path(resolve_data_path(spec.trajectory, scene.directory));
      if (!path) return Error{"balls[" + std::to_string(i) + "].trajectory: " + path.error()};
      const glm::dvec2 first = path->points.front();
      simulation->add_ball(first, std::make_unique<PathReplay>(std::make_shared<const TrainingPath>(std::move(*path))),
                           scene_ball_colour(*with_balls, i), ball_label(spec));
      continue;
    }
    const glm::dvec2 start = spec.start.value_or(default_start(*cost));
    if (runs_solver(spec)) {  // started at its first step: building a scene to check it starts nothing
      simulation->add_ball(
          start,
          std::make_unique<ExternalSolver>(spec.solver, scene.directory,
                                           spec.solver_timeout.value_or(ExternalSolver::kDefaultTimeout)),
          scene_ball_colour(*with_balls, i), ball_label(spec));
      continue;
    }
    OptimizerSpec optimizer_spec = spec.optimizer;
    suggest_learning_rate(optimizer_spec, *cost, start);
    auto optimizer = build_optimizer(optimizer_spec);
    if (!optimizer) return Error{optimizer.error()};
    simulation->add_ball(start, std::move(*optimizer), scene_ball_colour(*with_balls, i), ball_label(spec));
  }
  // After the ordinary balls, so they keep their places (and colours) in the lists.
  if (scene.swarm) {
    const SwarmSpec& layout = scene.swarm->layout;
    if (layout.count < 1 || layout.count > kMaxSwarm) {
      return Error{"invalid swarm size " + std::to_string(layout.count) + ": 1 to " + std::to_string(kMaxSwarm) +
                   " balls"};
    }
    auto prototype = build_optimizer(analysis_optimizer_spec(*with_balls, *cost));
    if (!prototype) return Error{prototype.error()};
    simulation->add_swarm(swarm_starts(layout.layout, layout.count, cost->domain(), layout.seed), **prototype);
  }
  return simulation;
}

Result<std::unique_ptr<Simulation>> build_probe_simulation(const Scene& scene) {
  Scene probe = scene;
  if (probe.swarm) probe.swarm->layout.count = std::min<std::size_t>(probe.swarm->layout.count, 1);
  return build_simulation(probe, {});
}

}  // namespace losscape
