#include "engine/sim/simulation.hpp"
#include "engine/sim/lane_swarm.hpp"
#include "engine/sim/swarm.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace losscape {
namespace {

bool finite(glm::dvec2 v) { return std::isfinite(v.x) && std::isfinite(v.y); }

std::uint64_t next_run() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

}  // namespace

const char* status_text(const Ball& ball) {
  if (ball.status == BallStatus::converged && ball.optimizer->rest_status()) return ball.optimizer->rest_status();
  return to_string(ball.status);
}

Simulation::Simulation(std::shared_ptr<const CostFunction> cost, SimulationSettings settings)
    : cost_(std::move(cost)), settings_(settings), minima_(*cost_) {}

void Simulation::add_swarm(const std::vector<glm::dvec2>& starts, const Optimizer& prototype) {
  if (swarm_size() + starts.size() > kLargestBallSwarm) {
    const SwarmAcceleration& acceleration = swarm_acceleration();
    std::string why_not = acceleration.unavailable;
    if (acceleration.make && swarm_size() == 0) {
      auto accelerated = acceleration.make(*cost_, starts, prototype, settings_);
      if (accelerated) {
        accelerated_ = std::move(*accelerated);
        accelerated_prototype_ = prototype.clone();
        swarm_note_ = "swarm: " + accelerated_->description();
        return;
      }
      why_not = accelerated.error();
    }
    if (settings_.swarm_lanes && swarm_size() == 0) {
      auto lanes = LaneSwarm::create(*cost_, starts, prototype, settings_, 0, why_not);
      if (lanes) {
        accelerated_ = std::move(*lanes);
        accelerated_prototype_ = prototype.clone();
        swarm_note_ = "swarm: " + accelerated_->description();
        return;
      }
      why_not += "; " + lanes.error();
    }
    swarm_note_ = "swarm: " + std::to_string(swarm_size() + starts.size()) + " balls on the CPU (" + why_not + ")";
  }
  balls_.reserve(balls_.size() + starts.size());
  const std::size_t members = swarm_size() + starts.size();
  // Beyond kLargestBallSwarm (a method without lanes) no trail: every big swarm looks the same,
  // wherever it runs (grains, no trails), and a million members' rings would take 200 MB.
  const std::size_t trail =
      swarm_beyond_balls(members)
          ? 0
          : std::clamp<std::size_t>(settings_.swarm_trail_capacity * 1000 / std::max<std::size_t>(members, 1),
                                    std::min<std::size_t>(12, settings_.swarm_trail_capacity),
                                    settings_.swarm_trail_capacity);
  for (const glm::dvec2& start : starts) {
    Ball ball;
    ball.optimizer = prototype.clone();
    ball.trail = Trail(trail);
    ball.swarm = true;
    ball.label = prototype.title();
    ball.stream = balls_.size();
    reset_ball(ball, start);
    balls_.push_back(std::move(ball));
  }
}

void Simulation::clear_swarm() {
  accelerated_.reset();
  accelerated_prototype_.reset();
  swarm_note_.clear();
  balls_.erase(std::remove_if(balls_.begin(), balls_.end(), [](const Ball& b) { return b.swarm; }), balls_.end());
}

std::size_t Simulation::swarm_size() const {
  if (accelerated_) return accelerated_->size();
  return static_cast<std::size_t>(std::count_if(balls_.begin(), balls_.end(), [](const Ball& b) { return b.swarm; }));
}

const Optimizer* Simulation::swarm_method() const {
  if (accelerated_) return accelerated_prototype_.get();
  for (const Ball& ball : balls_) {
    if (ball.swarm) return ball.optimizer.get();
  }
  return nullptr;
}

SwarmCounts Simulation::swarm_counts() const {
  if (accelerated_) return accelerated_->counts(minima_);
  SwarmCounts counts;
  counts.per_minimum.assign(minima_.size(), 0);
  for (const Ball& ball : balls_) {
    if (ball.swarm) counts.add(ball.minimum);
  }
  return counts;
}

void Simulation::adopt_minima(const std::vector<BasinMinimum>& first) {
  minima_.put_first(std::vector<NamedMinimum>(first.begin(), first.end()));
  if (accelerated_) accelerated_->relabel(minima_);
  for (Ball& ball : balls_) {
    if (ball.swarm && ball.minimum >= 0) ball.minimum = minima_.find(ball.position);
  }
}

void Simulation::label_swarm_member(Ball& ball) {
  if (!ball.swarm) return;
  ball.minimum =
      ball.status == BallStatus::converged ? minima_.find_or_add(ball.position, ball.value) : outcome_of(ball.status);
}

std::size_t Simulation::add_ball(glm::dvec2 start, std::unique_ptr<Optimizer> optimizer, glm::vec3 colour,
                                 std::string label) {
  Ball ball;
  ball.optimizer = std::move(optimizer);
  ball.trail = Trail(settings_.trail_capacity);
  ball.colour = colour;
  ball.label = std::move(label);
  ball.stream = balls_.size();
  reset_ball(ball, start);
  balls_.push_back(std::move(ball));
  return balls_.size() - 1;
}

void Simulation::reset() {
  accumulator_ = 0.0;
  for (auto& ball : balls_) reset_ball(ball, ball.start);
  if (accelerated_) accelerated_->reset();
}

void Simulation::reset_ball(Ball& ball, glm::dvec2 start) {
  ball.start = start;
  ball.position = ball.previous_position = start;
  ball.steps = 0;
  ball.run = next_run();
  ball.status = BallStatus::running;
  ball.optimizer->set_seed(optimizer_seed(settings_.noise.seed, ball.stream));
  ball.optimizer->reset();
  ball.trail.clear();
  ball.history.clear();
  ball.loss.clear();
  ball.steps_outside_domain = 0;
  TrackedPoint point;
  ball.status = start_at(*cost_, start, point);  // undefined if dropped where f is not defined
  ball.value = point.value;
  ball.gradient = point.gradient;
  label_swarm_member(ball);
  record(ball);
  update_preview(ball);
}

void Simulation::set_compute_preview(bool on) {
  settings_.compute_preview = on;
  for (auto& ball : balls_) update_preview(ball);
}

void Simulation::update_preview(Ball& ball) const {
  ball.next_position = ball.position;
  if (!settings_.compute_preview || ball.swarm || ball.status != BallStatus::running) return;
  // A copy of the optimizer takes the step, so the real one's state is untouched; it sees the
  // very noise the real step will.
  const std::unique_ptr<Optimizer> copy = ball.optimizer->clone();
  const glm::dvec2 next =
      settings_.noise.active()
          ? copy->step(StochasticCost(*cost_, settings_.noise, ball.stream, ball.steps), ball.position)
          : copy->step(*cost_, ball.position);
  if (finite(next)) ball.next_position = next;
}

StepExplanation Simulation::explain_next_step(const Ball& ball) const {
  if (!settings_.noise.active()) return ball.optimizer->explain(*cost_, ball.position);
  return ball.optimizer->explain(StochasticCost(*cost_, settings_.noise, ball.stream, ball.steps), ball.position);
}

StepResult Simulation::step_from(const Ball& ball, Optimizer& optimizer, TrackedPoint& point) const {
  if (!settings_.noise.active()) return take_step(*cost_, optimizer, point, settings_);
  const StochasticCost seen(*cost_, settings_.noise, ball.stream, ball.steps);
  return take_step(*cost_, seen, optimizer, point, settings_);
}

void Simulation::record(Ball& ball) {
  if (ball.swarm) {
    const Domain d = cost_->domain();
    const double spacing = settings_.swarm_trail_spacing * std::max(d.width(), d.height());
    const Trail& t = ball.trail;
    const bool far_enough = t.size() == 0 || glm::length(ball.position - t[t.size() - 1]) >= spacing;
    if (far_enough || ball.status != BallStatus::running) ball.trail.push(ball.position);
    return;
  }
  ball.trail.push(ball.position);
  ball.loss.add(ball.steps, ball.value);
  if (settings_.record_history && ball.history.size() < settings_.max_history)
    ball.history.push_back({ball.position, ball.value, ball.gradient});
}

void Simulation::step_ball(Ball& ball) {
  if (ball.status != BallStatus::running) {
    ball.previous_position = ball.position;
    return;
  }
  ball.previous_position = ball.position;
  TrackedPoint point{ball.position, ball.value, ball.gradient, ball.steps_outside_domain};
  const StepResult result = step_from(ball, *ball.optimizer, point);
  ball.status = result.status;
  if (result.moved) {
    ball.position = point.position;
    ball.value = point.value;
    ball.gradient = point.gradient;
    ball.steps_outside_domain = point.steps_outside_domain;
    ++ball.steps;
    record(ball);
  }
  if (ball.status != BallStatus::running) label_swarm_member(ball);
  update_preview(ball);
}

void Simulation::step_all() {
  for (auto& ball : balls_) step_ball(ball);
  if (accelerated_) accelerated_->step(1);
}

void Simulation::run_steps(std::size_t steps) {
  // An accelerated swarm takes its steps at once (the same steps as one at a time): a block of
  // the CPU's lanes takes them all while its members are in the cache, where a step at a time
  // brings every member in from memory once a step.
  if (accelerated_) accelerated_->step(steps);
  for (std::size_t i = 0; i < steps && any_ball_running(); ++i) {
    for (auto& ball : balls_) step_ball(ball);
  }
  accumulator_ = 0.0;
  // A run of whole steps ends on its last one: the picture after `--steps N` shows each ball (and
  // its trail) at step N, not interpolated from step N - 1 as a frame between two steps would.
  for (auto& ball : balls_) ball.previous_position = ball.position;
  if (accelerated_) accelerated_->settle();
}

void Simulation::advance(double seconds) {
  if (!playing_ || seconds <= 0.0) return;
  accumulator_ += seconds * settings_.steps_per_second;
  // The small epsilon keeps 3 frames of 1/60 s at 20 steps/s from landing a hair short of 1 step.
  std::size_t due = static_cast<std::size_t>(std::floor(accumulator_ + 1e-9));
  accumulator_ = std::max(0.0, accumulator_ - static_cast<double>(due));
  due = std::min(due, std::max<std::size_t>(
                          1, settings_.max_ball_steps_per_advance /
                                 std::max<std::size_t>(1, balls_.size() + (accelerated_ ? accelerated_->size() : 0))));
  for (std::size_t i = 0; i < due; ++i) step_all();
  if (!any_running()) accumulator_ = 0.0;
}

bool Simulation::any_running() const { return any_ball_running() || (accelerated_ && accelerated_->any_running()); }

bool Simulation::any_ball_running() const {
  return std::any_of(balls_.begin(), balls_.end(), [](const Ball& b) { return b.status == BallStatus::running; });
}

glm::dvec2 Simulation::display_position(glm::dvec2 previous, glm::dvec2 position) const {
  const double t = std::clamp(accumulator_, 0.0, 1.0);
  return previous + t * (position - previous);
}

}  // namespace losscape
