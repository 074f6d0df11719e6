#include "engine/core/step_rules.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {
namespace {

bool finite(glm::dvec2 v) { return std::isfinite(v.x) && std::isfinite(v.y); }

}  // namespace

const char* to_string(BallStatus status) {
  switch (status) {
    case BallStatus::running: return "running";
    case BallStatus::converged: return "converged";
    case BallStatus::diverged: return "diverged";
    case BallStatus::left_domain: return "left domain";
    case BallStatus::undefined: return "undefined";
  }
  return "?";
}

BallStatus judge_start(glm::dvec2 start, double value, glm::dvec2 gradient, TrackedPoint& point) {
  point = TrackedPoint{start, value, gradient, 0};
  if (!finite(start)) return BallStatus::diverged;
  if (!std::isfinite(point.value) || !finite(point.gradient)) return BallStatus::undefined;
  return BallStatus::running;
}

BallStatus start_at(const CostFunction& cost, glm::dvec2 start, TrackedPoint& point) {
  return judge_start(start, cost.value(start), cost.gradient(start), point);
}

Domain divergence_box(const Domain& domain, const StepLimits& limits) {
  const double margin_x = limits.divergence_margin * domain.width();
  const double margin_y = limits.divergence_margin * domain.height();
  return {domain.x_min - margin_x, domain.x_max + margin_x, domain.y_min - margin_y, domain.y_max + margin_y};
}

StepResult take_step(const CostFunction& cost, Optimizer& optimizer, TrackedPoint& point, const StepLimits& limits) {
  return take_step(cost, cost, optimizer, point, limits);
}

StepResult take_step(const CostFunction& cost, const CostFunction& seen, Optimizer& optimizer, TrackedPoint& point,
                     const StepLimits& limits) {
  const Domain domain = cost.domain();
  const glm::dvec2 next = optimizer.step(seen, point.position);
  // The last good point is kept: the renderer never sees NaN or a point far off the terrain.
  if (!finite(next) || !divergence_box(domain, limits).contains(next)) return {BallStatus::diverged, false};
  return judge_step(domain, limits, point, next, cost.value(next), cost.gradient(next));
}

StepResult judge_step(const Domain& domain, const StepLimits& limits, TrackedPoint& point, glm::dvec2 next,
                      double value, glm::dvec2 gradient) {
  if (!std::isfinite(value) || !finite(gradient)) {
    // A finite point inside the box where f or its gradient is NaN: f is undefined there.
    // Overflow to infinity on the way out is still divergence.
    const bool nan = std::isnan(value) || std::isnan(gradient.x) || std::isnan(gradient.y);
    return {nan ? BallStatus::undefined : BallStatus::diverged, false};
  }
  const double step_length = glm::length(next - point.position);
  const bool inside = domain.contains(next);
  point.position = next;
  point.value = value;
  point.gradient = gradient;
  point.steps_outside_domain = inside ? 0 : point.steps_outside_domain + 1;
  const double size = std::max(domain.width(), domain.height());
  if (glm::length(gradient) <= limits.gradient_tolerance && step_length <= limits.step_tolerance * size) {
    return {inside ? BallStatus::converged : BallStatus::left_domain, true};
  }
  if (point.steps_outside_domain > limits.max_steps_outside_domain) return {BallStatus::left_domain, true};
  return {BallStatus::running, true};
}

}  // namespace losscape
