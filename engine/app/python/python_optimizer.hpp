#pragma once
// A ball driven by a Python object: `step(position, gradient) -> new position` and an optional
// `reset()` (losscape.Scene(optimizer=["adam", MyMomentum(lr=1e-3)]), python/engine.md). The
// engine's own --solver, in-process: like ExternalSolver (engine/scene/external_solver.hpp) it is
// an Optimizer kept out of the registry, so the ball is an ordinary ball to the Simulation (trail,
// history, reset, step rules) while no swarm or panel row runs it.
//
// A basin map (or learning-rate sweep) runs it from thousands of starts through the engine's own
// BasinMapper, one thread (each call holds the GIL): PythonStarts gives every start a fresh
// copy.deepcopy of the object as it was given (the student's reset() is not trusted to forget
// everything), and the first failure at any start stops the whole map (python/engine.md).
//
// The GIL: the engine runs its steps with the GIL released (PythonScene::run); each call into
// Python here takes it back for the call. The object is borrowed: PythonScene keeps it alive for
// as long as any Session it built can step it, so no reference is owned (or leaked) here.
//
// An exception in the user's code, or an answer that is not 2 finite numbers, stops THIS ball
// with one line ("step 3: ZeroDivisionError: float division by zero"), never the program.
#include "engine/core/optimizer.hpp"

#include <pybind11/pybind11.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace losscape {

// What the live copies of a basin map's Python optimizer share: the object they copy at each start,
// and the first failure, which cancels the map (compute_basins' `cancel`). Made, read and dropped
// with the GIL held, by the front-end that runs the map; it outlives the map's optimizers.
struct PythonStarts {
  pybind11::object prototype;  // the object as it was given: never stepped itself
  pybind11::object deepcopy;   // copy.deepcopy
  std::atomic<bool> cancel{false};
  std::string failure;  // "at start (x, y), step 3: ZeroDivisionError: ...": the first one only
  std::optional<pybind11::error_already_set> error;  // its Python exception, if it raised one
};

class PythonOptimizer final : public Optimizer {
 public:
  // `object` must outlive this optimizer (its owner keeps a reference); `name` labels the ball.
  PythonOptimizer(pybind11::handle object, const std::string& name);
  // A basin map's prototype: each reset() (a new start) steps a fresh copy of `starts`'s object;
  // its clones do the same. With `lr`, the object has that numeric attribute: the optimizer then
  // has an "lr" parameter, set on each copy, so a learning-rate sweep can move it.
  PythonOptimizer(PythonStarts& starts, const std::string& name, std::optional<double> lr);
  ~PythonOptimizer() override;
  PythonOptimizer(const PythonOptimizer&) = delete;
  PythonOptimizer& operator=(const PythonOptimizer&) = delete;

  const std::vector<ParameterSpec>& parameter_table() const override;
  // Calls the object's reset() where it has one; the ball runs again. A basin map's: a fresh copy.
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  // A detached copy that never calls Python (its steps leave the point where it is): copies
  // (previews, explanations) would otherwise advance the object's state behind the ball's back.
  // A basin map's optimizer clones into another live one (the mapper's per-thread copies).
  std::unique_ptr<Optimizer> clone() const override;
  bool at_rest() const override { return !failure_.empty(); }
  const char* rest_status() const override { return failure_.empty() ? nullptr : "stopped"; }
  bool maps() const override { return false; }  // its basin map runs through PythonStarts

  // Why the ball stopped, as one line; empty while it runs.
  const std::string& failure() const { return failure_; }

 private:
  glm::dvec2 fail(std::string why, glm::dvec2 position);
  // A basin map's failure: the map stops, saying at which start (the first failure only).
  void fail_map(const std::string& why, std::optional<pybind11::error_already_set> error = std::nullopt);

  pybind11::handle object_;
  bool detached_ = false;
  PythonStarts* starts_ = nullptr;  // a basin map's: the object to copy at each start
  pybind11::object copy_;           // the copy this start steps (owned: dropped with the GIL)
  std::vector<ParameterSpec> table_;
  std::optional<glm::dvec2> start_;  // where the steps since the last reset began
  std::size_t step_ = 0;             // steps since the last reset: named in a failure's line
  std::string failure_;
};

// The exception being handled as one line: "TypeName: message" (the type alone when it says nothing).
std::string exception_line(pybind11::error_already_set& error);

// The Python optimizer a ball runs, or nullptr.
const PythonOptimizer* as_python_optimizer(const Optimizer& optimizer);

}  // namespace losscape
