#pragma once
// Turns a description of what to simulate (function, optimizer, parameters, start points)
// into a Simulation. The command line builds the description today; scene files later.
#include "engine/math/simulation.hpp"
#include "engine/math/swarm.hpp"
#include "engine/render/scene_renderer.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace losscape {

// One optimizer parameter: "lr" applies to every optimizer that has it; "adam.lr" to one.
struct ParamSetting {
  std::string optimizer;  // empty: all that have the key
  std::string key;
  double value = 0.0;
};

struct SceneSpec {
  std::string function = "himmelblau";  // a built-in's name or a formula in x and y
  std::optional<Domain> domain;         // a formula's domain (default [-5, 5]^2)
  // A formula's parameter values, overriding its where clause (the panel's sliders).
  std::vector<std::pair<std::string, double>> formula_parameters;
  // One ball per optimizer per start. Several optimizers make a race: same starts, own colours.
  std::vector<std::string> optimizers = {"gd"};
  std::vector<ParamSetting> params;
  std::vector<glm::dvec2> starts;  // empty: the function's default start
  std::optional<OrbitCamera> camera;  // the initial view; none: the function's default view
  // Many balls at once, each coloured by the minimum it ends in (its optimizer: the first one
  // above unless it names another, with the same parameters).
  std::optional<SwarmSpec> swarm;
};

// Names the surface a spec draws (function, domain, formula parameters): equal text, equal f.
std::string surface_key(const SceneSpec& spec);

// Returns an error message naming the problem and the valid choices, or empty.
std::string build_simulation(const SceneSpec& spec, const SimulationSettings& settings,
                             std::unique_ptr<Simulation>& out);

// A --param that no optimizer in the scene takes is a typo: says which, naming valid keys.
std::string check_every_param_is_used(const SceneSpec& spec);

// Data-backed functions: "mse" (the shipped line-fit data), "mse:PATH.csv",
// "heightfield:PATH.csv". A relative PATH is looked up in the current folder, then in assets/.
inline constexpr const char* kLineFitExample = "mse";
inline constexpr const char* kHeightFieldExample = "heightfield:height_field_example.csv";

// The cost function from a built-in's name, a data source or a formula, or an error saying
// what and where.
std::shared_ptr<const CostFunction> find_function(const SceneSpec& spec, std::string& error);

// A start that shows a good path: a fixed point for the classics, else near a domain corner.
glm::dvec2 default_start(const CostFunction& cost);

// The view that shows the function best: a steep one down Rosenbrock's curved valley and into
// Rastrigin's rows of minima, the three-quarter corner view elsewhere.
OrbitCamera default_camera(const CostFunction& cost);
// The spec's camera, else the function's default view.
OrbitCamera initial_camera(const SceneSpec& spec, const CostFunction& cost);

// A distinct, viridis-contrasting colour for ball number `index`.
glm::vec3 ball_colour(std::size_t index);

// The optimizer the scene's analyses use (the swarm, the basin map), with the scene's parameters.
std::unique_ptr<Optimizer> analysis_optimizer(const SceneSpec& spec, const std::string& name, std::string& error);

// Applies the settings to `optimizer` (those meant for it). Returns an error message or empty.
std::string apply_params(const std::vector<ParamSetting>& params, Optimizer& optimizer);

// "KEY=VALUE" or "OPTIMIZER.KEY=VALUE" -> setting; "X,Y" -> point;
// "gd,adam" or "all" -> optimizer names. Return an error message or empty.
std::string parse_param(const std::string& text, ParamSetting& out);
std::string parse_optimizer_list(const std::string& text, std::vector<std::string>& out);
std::string parse_point(const std::string& text, glm::dvec2& out);
std::string parse_camera(const std::string& text, OrbitCamera& out);
std::string parse_domain(const std::string& text, Domain& out);

// What the window draws with (and --bench measures): no multisampling on a software renderer.
// Needs a current GL context.
RenderOptions interactive_render_options();

std::string join(const std::vector<std::string>& items, const char* separator = ", ");

}  // namespace losscape
