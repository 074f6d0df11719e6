#pragma once
// The Simulation owns the balls and advances them in whole, fixed solver steps drawn from an
// accumulator, so a run gives the same trajectory at 20 fps or 240 fps, on screen or headless.
#include "engine/core/cost_function.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/step_rules.hpp"
#include "engine/core/stochastic_cost.hpp"
#include "engine/sim/basins.hpp"
#include "engine/sim/loss_history.hpp"
#include "engine/sim/minimum_catalogue.hpp"
#include "engine/sim/swarm_accelerator.hpp"
#include "engine/sim/trail.hpp"

#include <glm/glm.hpp>

#include <memory>
#include <string>
#include <vector>

namespace losscape {

// One solver step's record, as written by --export-trajectories.
struct TrajectorySample {
  glm::dvec2 position;
  double value = 0.0;
  glm::dvec2 gradient;
};

struct Ball {
  std::unique_ptr<Optimizer> optimizer;
  glm::dvec2 start{0.0};
  glm::dvec2 position{0.0};           // after the latest solver step (always finite)
  glm::dvec2 previous_position{0.0};  // before it: the renderer interpolates between the two
  double value = 0.0;
  glm::dvec2 gradient{0.0};
  std::size_t steps = 0;
  // New whenever the ball starts again (reset, dropped, rebuilt): lets a renderer keep what it
  // drew of this run and add only the new steps.
  std::uint64_t run = 0;
  BallStatus status = BallStatus::running;
  Trail trail;
  std::vector<TrajectorySample> history;  // only filled when SimulationSettings::record_history
  LossHistory loss;                       // f per step, bounded, for the loss plot
  glm::dvec2 next_position{0.0};          // where the next step would go (if compute_preview)
  std::size_t steps_outside_domain = 0;   // consecutive
  glm::vec3 colour{0.9f, 0.2f, 0.15f};
  std::string label;
  // A swarm member: one of many small balls, coloured by where it ends; it keeps a short trail
  // and no loss or history, so ten thousand of them fit.
  bool swarm = false;
  // Where a swarm member ended: an index into Simulation::minima(), or a BasinOutcome
  // (kNotConverged while it still runs).
  std::int32_t minimum = kNotConverged;
  // Its place among the balls when added: names its random streams (stochastic_cost.hpp), so its
  // noise is its own, whatever the balls after it do.
  std::uint64_t stream = 0;
};

// The ball's status as the panel and the batch summary say it: a method at rest may name it
// (Optimizer::rest_status): a replayed training path at its last checkpoint has "finished" (the
// step rules call it converged: it found nothing), a solver process is "done" or "stopped".
const char* status_text(const Ball& ball);

// How a swarm's balls are spread over the minima.
struct SwarmCounts {
  std::size_t total = 0, running = 0, diverged = 0, other = 0;  // other: undefined, left domain
  std::vector<std::size_t> per_minimum;                         // indexed like Simulation::minima()
  // Counts one member by its label: a minimum's index (per_minimum sized to hold it) or a
  // BasinOutcome. The one tally for CPU swarms and accelerated ones.
  void add(std::int32_t label) {
    ++total;
    if (label >= 0) ++per_minimum[static_cast<std::size_t>(label)];
    else if (label == kNotConverged) ++running;
    else if (label == kDiverged) ++diverged;
    else ++other;
  }
};

// The step rules (tolerances, divergence box) plus how the simulation runs and records.
struct SimulationSettings : StepLimits {
  double steps_per_second = 20.0;
  std::size_t trail_capacity = 2048;
  bool record_history = false;
  // History stops growing past this many samples per ball (the trail and loss plot go on).
  std::size_t max_history = 250000;
  bool compute_preview = false;  // fill Ball::next_position (costs one extra step per ball)
  // A long stall never freezes the frame loop: at most this many ball-steps per advance.
  std::size_t max_ball_steps_per_advance = 2000000;
  // Solver steps a swarm member's trail keeps; past 1000 members the trails shorten so the swarm
  // keeps at most 48,000 trail points in all (at least 12 each): ten thousand long trails are a
  // grey fog, and cost the renderer ten times as much. Beyond kLargestBallSwarm members, none.
  std::size_t swarm_trail_capacity = 48;
  // A swarm member's trail takes a point once the member has moved this fraction of the domain's
  // size since the last one (and its resting point): the many tiny steps of a slow convergence
  // would otherwise push the whole path out of the short trail, leaving only its last millimetre.
  double swarm_trail_spacing = 1.0 / 250.0;
  // A swarm of more than kLargestBallSwarm that the GPU cannot step runs in the CPU's lockstep
  // lanes (lane_swarm.hpp) where its method has them; false keeps Ball members (the bench and the
  // tests compare the two).
  bool swarm_lanes = true;
  // Gradient noise and minibatches for every ball, swarm members included (not for basin maps,
  // which draw the noiseless method's basins); its seed also seeds sgld and anneal.
  GradientNoise noise;
};

class Simulation {
 public:
  explicit Simulation(std::shared_ptr<const CostFunction> cost, SimulationSettings settings = {});

  const CostFunction& cost() const { return *cost_; }
  // The ball's next step term by term (Optimizer::explain), seeing the very gradient noise and
  // minibatch that step will, as the preview does: what the Step section and the term arrows show.
  StepExplanation explain_next_step(const Ball& ball) const;
  std::shared_ptr<const CostFunction> cost_ptr() const { return cost_; }

  SimulationSettings& settings() { return settings_; }
  const SimulationSettings& settings() const { return settings_; }

  std::size_t add_ball(glm::dvec2 start, std::unique_ptr<Optimizer> optimizer, glm::vec3 colour = {0.9f, 0.2f, 0.15f},
                       std::string label = {});
  void clear_balls() { balls_.clear(); }
  // One swarm member per start, each with its own copy of `prototype`. A swarm of more than
  // kLargestBallSwarm runs on the process's SwarmAccelerator (the GPU) where it can, else in the
  // CPU's lanes (LaneSwarm) where the method has them, else as Ball members (swarm_note() says
  // where it runs, and why not on the GPU).
  void add_swarm(const std::vector<glm::dvec2>& starts, const Optimizer& prototype);
  void clear_swarm();
  std::size_t swarm_size() const;
  // Reads an accelerated swarm back (costly for a million: ask only when shown or at the end).
  SwarmCounts swarm_counts() const;
  // The swarm's method (its first member's, or the accelerated swarm's); nullptr without a swarm.
  const Optimizer* swarm_method() const;
  // The accelerated swarm, if the swarm runs on one (the renderer draws it: a GpuSwarm from its
  // buffers, a LaneSwarm from its members).
  const SwarmAccelerator* swarm_accelerator() const { return accelerated_.get(); }
  // One line on where a swarm of more than kLargestBallSwarm runs; empty for smaller swarms.
  const std::string& swarm_note() const { return swarm_note_; }

  // The minima known so far: the function's own, then those the swarm (or an adopted basin map)
  // found. Swarm members and markers refer to them by index.
  const MinimumCatalogue& minima() const { return minima_; }
  // Takes a basin map's minima as the first entries, so the map's colours and the swarm's agree.
  void adopt_minima(const std::vector<BasinMinimum>& first);
  std::vector<Ball>& balls() { return balls_; }
  const std::vector<Ball>& balls() const { return balls_; }

  // Every ball back to its start, optimizer state and trail cleared.
  void reset();
  void reset_ball(Ball& ball, glm::dvec2 start);

  // Advance by wall-clock (or recorded-frame) seconds when playing: whole solver steps only.
  void advance(double seconds);
  // One solver step for every running ball, regardless of play state.
  void step_all();
  // Run every ball for up to `steps` solver steps (stops early balls that stop).
  void run_steps(std::size_t steps);

  // Turn Ball::next_position on or off; refreshes every ball's preview at once.
  void set_compute_preview(bool on);

  void set_playing(bool playing) { playing_ = playing; }
  bool playing() const { return playing_; }
  // Fraction of the way from the previous solver step to the next, in [0, 1).
  double interpolation() const { return accumulator_; }
  // Where to draw a ball this frame: between its last two solver positions.
  glm::dvec2 display_position(const Ball& ball) const {
    return display_position(ball.previous_position, ball.position);
  }
  // The same for a point that was at `previous` before the latest step (a LaneSwarm's member).
  glm::dvec2 display_position(glm::dvec2 previous, glm::dvec2 position) const;

 private:
  bool any_running() const;
  bool any_ball_running() const;  // of balls_ (Ball swarm members included)
  void step_ball(Ball& ball);
  void record(Ball& ball);
  void update_preview(Ball& ball) const;
  // One step of `optimizer` from the ball's point, seeing the ball's noise for its next step.
  StepResult step_from(const Ball& ball, Optimizer& optimizer, TrackedPoint& point) const;
  void label_swarm_member(Ball& ball);

  std::shared_ptr<const CostFunction> cost_;
  SimulationSettings settings_;
  std::vector<Ball> balls_;
  // Mutable: reading an accelerated swarm's counts names the minima its members found, as
  // stepping a CPU swarm does.
  mutable MinimumCatalogue minima_;
  std::unique_ptr<SwarmAccelerator> accelerated_;
  std::unique_ptr<Optimizer> accelerated_prototype_;
  std::string swarm_note_;
  double accumulator_ = 0.0;  // in solver steps
  bool playing_ = true;
};

}  // namespace losscape
