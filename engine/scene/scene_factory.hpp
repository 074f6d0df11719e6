#pragma once
// Turns a Scene (engine/scene/scene.hpp: from the command line, a scene file or the window) into
// what runs it: the cost function (built-in, formula or data file) and a Simulation with its
// balls and swarm. The camera and render settings a scene asks for: engine/app/scene_view.hpp.
#include "engine/scene/scene.hpp"
#include "engine/sim/simulation.hpp"

#include <memory>
#include <string>
#include <vector>

namespace losscape {

// The simulation the scene describes; or an error naming the problem and the valid choices.
Result<std::unique_ptr<Simulation>> build_simulation(const Scene& scene, const SimulationSettings& settings);
// The scene built with at most one swarm member: enough to check it (the swarm's method included)
// or to take its first ball's optimizer, without building a million members for nothing.
Result<std::unique_ptr<Simulation>> build_probe_simulation(const Scene& scene);

// Names the surface a scene draws (function, domain, formula parameters): equal text, equal f.
std::string surface_key(const Scene& scene);

// The cost function from a built-in's name, a data source or a formula, or an error saying
// what and where. A data file's relative path is looked up in the current folder, beside the
// scene file, then in assets/.
Result<std::shared_ptr<const CostFunction>> find_function(const Scene& scene);

// The surfaces (datasets) of a loss-surface source's file, its path looked up as find_function does.
Result<std::vector<std::string>> loss_surfaces_of(const LossSurfaceSource& source, const Scene& scene);

// A start that shows a good path: the function's own (the classics have one), else near a
// domain corner.
glm::dvec2 default_start(const CostFunction& cost);

// A distinct, viridis-contrasting colour for ball number `index`.
glm::vec3 ball_colour(std::size_t index);
// The colour a scene's ball is drawn in: its own, else by optimizer in a race (one colour per
// optimizer, for the legend), else by its place in the list.
glm::vec3 scene_ball_colour(const Scene& scene, std::size_t ball);

// The label a ball shows (and its sliders are grouped by): its own, else its optimizer's title; a
// replayed training path's says honestly what it is (PathReplay::kTitle).
std::string ball_label(const BallSpec& ball);
// The optimizer `spec` names with its parameters set, or what is wrong ("lr: must be > 0, got
// -1", "unknown optimizer 'x' (valid: ...)").
Result<std::unique_ptr<Optimizer>> build_optimizer(const OptimizerSpec& spec);
// The optimizer the swarm and the basin maps use: the swarm's own, else the first ball's, with
// the learning rate the function suggests where it gives none (suggested_learning_rate.hpp).
OptimizerSpec analysis_optimizer_spec(const Scene& scene, const CostFunction& cost);

std::string join(const std::vector<std::string>& items, const char* separator = ", ");

}  // namespace losscape
