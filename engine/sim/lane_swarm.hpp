#pragma once
// A big swarm stepped on the CPU in the optimizer's lockstep lanes: the members in blocks of
// OptimizerLanes::kLanes, each block a LaneBlock (lane_block.hpp: its own lanes' memory, its
// points in arrays, one vectorised judging pass a step), the blocks spread over the worker
// threads (on the caller's thread where none can start: the browser). What the Simulation runs a
// swarm of more than kLargestBallSwarm on where the GPU cannot (no compute shaders: WebGL2, GL
// 3.3, Python's module; a method the GPU lacks): every member ends bit for bit where a Ball
// swarm member would, with the same status and the same minimum, for a fraction of a Ball's
// memory (no trail, no optimizer object). Members that stop are named against the minima when
// counts() asks, in the order Ball members name them as they stop (step by step, in member
// order), so the minima get the same indices as a Ball swarm gives them.
#include "engine/sim/lane_block.hpp"
#include "engine/sim/simulation.hpp"
#include "engine/sim/swarm_accelerator.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace losscape {

class LaneSwarm final : public SwarmAccelerator {
 public:
  // An Error (one line) where the method offers no lanes (optimizers/coordinate_rule.hpp: the
  // per-coordinate first-order methods without a schedule or wrapper) or the settings add gradient
  // noise or minibatches (each member would see its own: Ball members do that). `threads`: 0, every
  // core. `why_not_gpu`: said in description().
  static Result<std::unique_ptr<LaneSwarm>> create(const CostFunction& cost, const std::vector<glm::dvec2>& starts,
                                                   const Optimizer& prototype, const SimulationSettings& settings,
                                                   unsigned threads = 0, std::string why_not_gpu = {});

  std::size_t size() const override { return starts_.size(); }
  void reset() override;
  // The blocks spread over the threads, each taking all `steps` before the next block.
  void step(std::size_t steps) override;
  bool any_running() const override { return running_ > 0; }
  // Names the members that converged since the last call, in the order Ball members would have.
  SwarmCounts counts(MinimumCatalogue& minima) override;
  void relabel(const MinimumCatalogue& minima) override;
  // "N balls on the CPU (vectorised lanes, T threads; why not on the GPU)".
  std::string description() const override;
  void settle() override { settled_ = true; }

  // A member as a Ball swarm member has it: its point (where f is value, with gradient), where it
  // was before the last step (as Ball::previous_position: the renderer draws between the two),
  // its steps, status and minimum (Ball::minimum; named by the last counts()).
  struct Member {
    TrackedPoint point;
    glm::dvec2 previous{0.0};
    std::size_t steps = 0;
    BallStatus status = BallStatus::running;
    std::int32_t minimum = -2;  // kNotConverged
  };
  // Every member, in the order of the starts.
  void read(std::vector<Member>& out) const;
  std::size_t steps_taken() const { return steps_; }
  unsigned threads() const { return threads_; }

 private:
  // A member that stopped: where, how, and in which step (0: at its start).
  struct Stopped {
    TrackedPoint point;
    glm::dvec2 from{0.0};  // where it was before that step
    std::uint32_t steps = 0, in_step = 0;
    BallStatus status = BallStatus::running;
  };
  struct Block {
    std::unique_ptr<LaneBlock> lanes;
    std::size_t first = 0, count = 0;  // its members
    // Members that converged and are not yet named: (step, member), in the order they stopped.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> unnamed;
  };
  LaneSwarm() = default;
  // Records the members block b's last start() or step() ended, in step `in_step`.
  void keep_ended(Block& block, std::size_t in_step);
  void step_block(Block& block, std::size_t steps);

  std::vector<glm::dvec2> starts_;
  std::vector<Block> blocks_;
  std::vector<Stopped> stopped_;       // per member; its status running while it runs
  std::vector<std::int32_t> minimum_;  // per member: Ball::minimum
  std::size_t steps_ = 0, running_ = 0;
  unsigned threads_ = 1;
  bool settled_ = false;
  std::string why_not_gpu_;
  std::optional<SwarmCounts> counted_;  // as last counted, until a step or new minima
};

}  // namespace losscape
