#pragma once
// A faster path for a big swarm: the same starts, the same method and step rules, stepped
// elsewhere (on the GPU by compute shaders: render/compute/gpu_swarm.hpp). The Simulation owns it
// in place of the swarm's Ball members and asks it for its numbers only when they are wanted:
// reading a million balls back costs more than stepping them.
#include "engine/core/cost_function.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/result.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace losscape {

struct SwarmCounts;
struct SimulationSettings;
class MinimumCatalogue;

class SwarmAccelerator {
 public:
  virtual ~SwarmAccelerator() = default;
  virtual std::size_t size() const = 0;
  // Every member back to its start, its method's memory cleared.
  virtual void reset() = 0;
  // `steps` solver steps for every member still running.
  virtual void step(std::size_t steps) = 0;
  // Whether any member still runs (after the last step).
  virtual bool any_running() const = 0;
  // How the members are spread over the minima; a member that converged where `minima` knows
  // no minimum adds one, as a CPU swarm member does when it stops.
  virtual SwarmCounts counts(MinimumCatalogue& minima) = 0;
  // The minima changed (a basin map's adopted first): label the members against them again.
  virtual void relabel(const MinimumCatalogue& minima) = 0;
  // The last step is over: draw each member where it is, not on its way there (Simulation::run_steps
  // does the same for its balls). Only an accelerator that draws between two steps needs it.
  virtual void settle() {}
  // What the swarm is, in one line (where it runs, at which precision), for batch summaries.
  virtual std::string description() const = 0;
};

// How this process makes accelerated swarms: set by a front-end once it has a GL context with
// compute shaders; without one, `unavailable` says why (the swarm then runs on the CPU).
struct SwarmAcceleration {
  using Make = std::function<Result<std::unique_ptr<SwarmAccelerator>>(
      const CostFunction& cost, const std::vector<glm::dvec2>& starts, const Optimizer& prototype,
      const SimulationSettings& settings)>;
  Make make;
  std::string unavailable = "no OpenGL context with compute shaders";
};
void set_swarm_acceleration(SwarmAcceleration acceleration);
const SwarmAcceleration& swarm_acceleration();

}  // namespace losscape
