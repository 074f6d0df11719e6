#pragma once
// How one solver step is judged: the same rules for a ball on screen and for every start of a
// basin map, so "converged" means the same thing in both.
#include "engine/core/cost_function.hpp"
#include "engine/core/optimizer.hpp"

#include <cstddef>

namespace losscape {

// running: still stepping. converged: gradient and step both below tolerance (inside the domain).
// diverged: a non-finite value, or beyond a generous box around the domain.
// left_domain: converged outside the drawn domain, or outside it for too many steps in a row.
// undefined: stepped where f is not defined (log of a negative, division by zero...).
enum class BallStatus { running, converged, diverged, left_domain, undefined };
const char* to_string(BallStatus status);

struct StepLimits {
  // Converged when both the gradient norm and the last step fall below these.
  double gradient_tolerance = 1e-6;
  double step_tolerance = 1e-9;  // relative to the domain's size
  // Diverged further than this many domain sizes outside the domain.
  double divergence_margin = 2.0;
  // Outside the domain this many steps in a row: "left domain".
  std::size_t max_steps_outside_domain = 200;
};

struct TrackedPoint {
  glm::dvec2 position{0.0};  // always finite and defined
  double value = 0.0;
  glm::dvec2 gradient{0.0};
  std::size_t steps_outside_domain = 0;
};

// One optimizer step from point.position. If it lands somewhere finite and defined, `point`
// moves there (moved = true); otherwise `point` stays at its last good place.
struct StepResult {
  BallStatus status = BallStatus::running;
  bool moved = false;
};
StepResult take_step(const CostFunction& cost, Optimizer& optimizer, TrackedPoint& point, const StepLimits& limits);
// The same, with the optimizer seeing `seen` (a noisy or minibatch view of `cost`,
// stochastic_cost.hpp) while the step is judged, and `point` updated, on the true `cost`.
StepResult take_step(const CostFunction& cost, const CostFunction& seen, Optimizer& optimizer, TrackedPoint& point,
                     const StepLimits& limits);

// The state at a start point: running, or undefined/diverged if f is not defined there.
BallStatus start_at(const CostFunction& cost, glm::dvec2 start, TrackedPoint& point);

// The parts of the rules above, for callers that step many points at once (lockstep_starts.hpp)
// and so evaluate f themselves. A step to a point outside this box (or not finite) has diverged.
Domain divergence_box(const Domain& domain, const StepLimits& limits);
// take_step() once the optimizer has proposed `next`, inside the divergence box, and f there is
// `value` with `gradient`.
StepResult judge_step(const Domain& domain, const StepLimits& limits, TrackedPoint& point, glm::dvec2 next,
                      double value, glm::dvec2 gradient);
// start_at() where f at `start` is `value` with `gradient`.
BallStatus judge_start(glm::dvec2 start, double value, glm::dvec2 gradient, TrackedPoint& point);

}  // namespace losscape
