#pragma once
// A ball driven by a Python object: `step(position, gradient) -> new position` and an optional
// `reset()` (losscape.Scene(optimizer=["adam", MyMomentum(lr=1e-3)]), python/engine.md). The
// engine's own --solver, in-process: like ExternalSolver (engine/scene/external_solver.hpp) it is
// an Optimizer kept out of the registry, so the ball is an ordinary ball to the Simulation (trail,
// history, reset, step rules) while no swarm, basin map or panel row runs it.
//
// The GIL: the engine runs its steps with the GIL released (PythonScene::run); each call into
// Python here takes it back for the call. The object is borrowed: PythonScene keeps it alive for
// as long as any Session it built can step it, so no reference is owned (or leaked) here.
//
// An exception in the user's code, or an answer that is not 2 finite numbers, stops THIS ball
// with one line ("step 3: ZeroDivisionError: float division by zero"), never the program.
#include "engine/core/optimizer.hpp"

#include <pybind11/pybind11.h>

#include <memory>
#include <string>

namespace losscape {

class PythonOptimizer final : public Optimizer {
 public:
  // `object` must outlive this optimizer (its owner keeps a reference); `name` labels the ball.
  PythonOptimizer(pybind11::handle object, const std::string& name);

  const std::vector<ParameterSpec>& parameter_table() const override;
  // Calls the object's reset() where it has one; the ball runs again.
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  // A detached copy that never calls Python (its steps leave the point where it is): copies
  // (previews, explanations) would otherwise advance the object's state behind the ball's back.
  std::unique_ptr<Optimizer> clone() const override;
  bool at_rest() const override { return !failure_.empty(); }
  const char* rest_status() const override { return failure_.empty() ? nullptr : "stopped"; }

  // Why the ball stopped, as one line; empty while it runs.
  const std::string& failure() const { return failure_; }

 private:
  glm::dvec2 fail(std::string why, glm::dvec2 position);

  pybind11::handle object_;
  bool detached_ = false;
  std::size_t step_ = 0;  // steps since the last reset: named in a failure's line
  std::string failure_;
};

// The Python optimizer a ball runs, or nullptr.
const PythonOptimizer* as_python_optimizer(const Optimizer& optimizer);

}  // namespace losscape
