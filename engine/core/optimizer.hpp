#pragma once
// The Optimizer seam: one interface for every method, plus the parameter table that the UI,
// the scene files and `--param KEY=VALUE` are all generated from (one source of truth).
#include "engine/core/cost_function.hpp"
#include "engine/core/optimizer_lanes.hpp"
#include "engine/core/result.hpp"
#include "engine/core/step_explanation.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace losscape {

class Schedule;

struct ParameterSpec {
  std::string key;  // torch.optim's name where one exists: lr, momentum, eps, ...
  double default_value = 0.0;
  double min_value = 0.0;
  double max_value = 1.0;
  bool min_exclusive = false;  // "must be > min" rather than ">= min"
  bool log_scale = false;      // how a slider should move
  std::string help;            // one line, shown as a tooltip and by --list-optimizers
  bool whole = false;          // only whole numbers (a 0..1 one is a torch boolean option: off/on)
};

// A torch boolean option (amsgrad, centered, maximize...) as a parameter: 0 (False, the
// default, torch's) or 1 (True). A number like every other parameter, so sliders, scene files
// and --param take it as they take the rest.
inline ParameterSpec boolean_parameter(std::string key, std::string help) {
  return {std::move(key), 0.0, 0.0, 1.0, false, false, std::move(help), true};
}
inline bool is_boolean(const ParameterSpec& spec) {
  return spec.whole && spec.min_value == 0.0 && spec.max_value == 1.0;
}

class Optimizer {
 public:
  virtual ~Optimizer() = default;

  const std::string& name() const { return name_; }    // command-line name, e.g. "gd"
  const std::string& title() const { return title_; }  // display name, e.g. "Gradient descent"
  virtual const std::vector<ParameterSpec>& parameter_table() const = 0;

  // Forget the method's internal state (momentum buffers, step counters) before a new run.
  virtual void reset() = 0;
  // One solver step from `position`; returns the new position.
  virtual glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) = 0;
  virtual std::unique_ptr<Optimizer> clone() const = 0;
  // The method's current velocity or momentum, in position units per step (zero for methods
  // that have none). Drawn as the velocity/momentum arrow.
  virtual glm::dvec2 velocity() const { return {0.0, 0.0}; }
  // The method with its current parameters as lockstep lanes of many starts (same numbers as
  // step()), or nullptr where it runs one start at a time.
  virtual std::unique_ptr<OptimizerLanes> lanes() const { return nullptr; }
  // Points besides the ball that the method keeps and a lecture should see: ASGD's averaged point
  // (its answer, drawn as a paler ball), the points L-BFGS's last step evaluated (small dots),
  // Nelder-Mead's simplex (its vertices, best first: drawn as a triangle on the terrain),
  // Schedule-Free's average x (its answer) and base iterate z (the ball is y), Lookahead's slow
  // weights (a paler ball joined to the ball by a line), the ascent point where SAM took its
  // gradient (a small marker joined to the ball), a replayed training path's checkpoints (dots
  // along its path, optimizers/path_replay.hpp).
  struct Companion {
    enum class Kind { averaged, evaluated, simplex_vertex, schedule_free_x, schedule_free_z, slow, ascent, checkpoint };
    Kind kind;
    glm::dvec2 position;
  };
  virtual std::vector<Companion> companions() const { return {}; }
  // The step about to be taken from `position` with the current memory, term by term
  // (step_explanation.hpp); changes nothing. step() from the same state lands on its `to` exactly.
  // This default is the generic explanation (g, the step, the new point) from a copy's step; a
  // per-coordinate rule explains itself from its table (rule_explanation.hpp), and another method
  // with more to show overrides this.
  virtual StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const;
  // The learning-rate schedule the method runs under (optimizers/scheduled.hpp), or nullptr.
  virtual const Schedule* schedule() const { return nullptr; }
  // Its name as a line about what it cannot do says it ("adam with a schedule"): a scheduled
  // method answers to its method's name, which alone would read as the plain method refused.
  std::string described() const { return schedule() != nullptr ? name() + " with a schedule" : name(); }
  // True when the method will leave the ball exactly where it is from now on, whatever |grad f|
  // is: its line search finds no decrease from a fresh start, or its simplex has shrunk to a point.
  // That happens at a minimum where f's rounding floor keeps |grad f| above the tolerance (a steep
  // minimum: Goldstein-Price's) or where f has a kink (Ackley's); the ball then counts as
  // converged instead of running forever. Only methods whose steps depend on nothing but their
  // state and the point say so; the default never does.
  virtual bool at_rest() const { return false; }
  // What a ball whose method came to rest is called instead of "converged" (it found nothing, it
  // was told to stop): a replayed path "finished", a solver process "done" or "stopped"; nullptr:
  // converged.
  virtual const char* rest_status() const { return nullptr; }
  // Seeds the random numbers a method draws itself (sgld's Langevin noise, anneal's proposals):
  // the simulation gives each ball its own seed (stochastic_cost.hpp's optimizer_seed) before
  // reset(). Methods without randomness ignore it.
  virtual void set_seed(std::uint64_t /*seed*/) {}
  // Whether a swarm or a basin map may run copies of this method from many starts. Not a replayed
  // path (it has one), a solver process or a Python object (each step a call out, one ball each).
  virtual bool maps() const { return true; }

  // Parameters, checked against the table: set_parameter says what is wrong and what is valid.
  double parameter(std::string_view key) const;
  Status set_parameter(std::string_view key, double value);
  const std::vector<double>& parameter_values() const { return values_; }
  // A value set by a schedule, unchecked: a schedule may take lr to 0 (the end of a cosine) or
  // the momentum outside its slider's range, as torch's schedulers do.
  void set_scheduled_value(std::size_t index, double value) { values_[index] = value; }

 protected:
  Optimizer(std::string name, std::string title) : name_(std::move(name)), title_(std::move(title)) {}
  // Derived classes call this once their table exists.
  void init_parameters() {
    values_.clear();
    for (const auto& spec : parameter_table()) values_.push_back(spec.default_value);
  }
  double value_at(std::size_t index) const { return values_[index]; }

 private:
  std::string name_, title_;
  std::vector<double> values_;
};

// Checks one value against one spec: "lr: must be > 0, got -1".
Status check_parameter(const ParameterSpec& spec, double value);

// The optimizer registry: every command-line name, and a factory (nullptr when unknown). A
// method that wraps another (Lookahead, SAM) is named WRAPPER:INNER, e.g. "lookahead:adam"; its
// bare name ("lookahead", listed here) wraps its default inner method. A wrapper wraps a method
// that is not itself a wrapper.
const std::vector<std::string>& optimizer_names();
std::unique_ptr<Optimizer> make_optimizer(const std::string& name);
// Why make_optimizer(name) gave nullptr, as one line naming the valid names: "unknown optimizer
// 'x' (valid: ...)", or for WRAPPER:INNER what is wrong with the inner name.
std::string unknown_optimizer(const std::string& name);
// The methods a wrapper can wrap (every name but the wrappers'), and whether `name` is a wrapper's
// bare name.
const std::vector<std::string>& wrappable_optimizer_names();
bool is_wrapper_name(const std::string& name);

// The groups the panel and --list-optimizers list the methods under, in their order.
// `wrapping`: Lookahead and SAM, which wrap another method.
enum class OptimizerGroup { classic, adaptive, quasi_newton, derivative_free, noise_driven, wrapping };
const std::vector<OptimizerGroup>& optimizer_groups();
const char* group_title(OptimizerGroup group);                           // "second-order and quasi-Newton"
std::optional<OptimizerGroup> optimizer_group(const std::string& name);  // nullopt when unknown
// The group's methods, in the registry's order (empty for a group with none yet).
std::vector<std::string> optimizer_names_in(OptimizerGroup group);

}  // namespace losscape
