#pragma once
// A ball driven by an external process: `--solver "COMMAND"`, or a scene ball's "solver" key. At
// each step the process is told the position, f and its gradient, and answers the new position, in
// JSON lines (docs/solver-protocol.md); any language can drive a ball in ten lines.
//
// Why an Optimizer: the ball is then an ordinary ball to the Simulation (trail, loss plot,
// --export-trajectories, reset, the step rules), as PathReplay's is. Like PathReplay it is not in
// the registry: no swarm or basin map runs it (thousands of starts through a pipe, in threads), and
// no panel row offers it. A failure (the command cannot start, exits, is killed, is silent past the
// timeout, answers garbage or too much) stops the ball with one line saying what happened, never
// the program: step() then leaves the ball where it is and at_rest() says so.
#include "engine/core/optimizer.hpp"
#include "engine/scene/solver_process.hpp"

#include <memory>
#include <string>

namespace losscape {

class ExternalSolver final : public Optimizer {
 public:
  static constexpr const char* kName = "solver";  // the ball's optimizer name in exports and summaries
  static constexpr int kProtocolVersion = 1;
  static constexpr double kDefaultTimeout = 5.0;  // seconds for one answer
  static constexpr double kMinTimeout = 0.001, kMaxTimeout = 3600.0;

  // `directory`: where the command runs (the scene file's folder; empty: the current one).
  ExternalSolver(std::string command, std::string directory, double timeout_seconds);

  const std::vector<ParameterSpec>& parameter_table() const override;
  // Tells a running process {"reset": true}, so it forgets its state; a stopped one is dropped and
  // started afresh at the next step.
  void reset() override;
  // Starts the process at the first step (with the hello line), then one line out, one line in.
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  // A detached copy: it never talks to the process (its steps leave the point where it is). What
  // copies are for (the preview, the Step section's explanation) would otherwise advance the
  // process's state behind the ball's back.
  std::unique_ptr<Optimizer> clone() const override;
  // Stopped: the solver said "done", or failed.
  bool at_rest() const override { return stopped_; }
  // "done" when the solver said so, "stopped" when it failed.
  const char* rest_status() const override { return !stopped_ ? nullptr : failure_.empty() ? "done" : "stopped"; }
  bool maps() const override { return false; }

  const std::string& command() const { return command_; }
  // The solver's last "message", shown in the panel (one line, control characters escaped).
  const std::string& message() const { return message_; }
  // Why the ball stopped, as one line; empty unless the solver failed.
  const std::string& failure() const { return failure_; }

 private:
  glm::dvec2 fail(std::string why, glm::dvec2 position);
  Status start(const CostFunction& cost, glm::dvec2 position);

  std::string command_, directory_;
  double timeout_ = kDefaultTimeout;
  bool detached_ = false;
  std::unique_ptr<SolverProcess> process_;
  std::size_t step_ = 0;  // steps since the start or the last reset: the lines' "step"
  bool stopped_ = false;
  std::string message_, failure_;
};

// The external solver a ball runs, or nullptr for a ball that runs a method.
const ExternalSolver* as_external_solver(const Optimizer& optimizer);

}  // namespace losscape
