#include "engine/sim/lane_block.hpp"

#include "engine/core/vector_clones.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace losscape {
namespace {

// The larger of a and b (b when either is NaN): one instruction, where std::max's reference
// keeps GCC from vectorising as well.
[[gnu::always_inline]] inline double max(double a, double b) { return a > b ? a : b; }

struct PlainStepLimits {
  Domain domain;
  double gradient_tolerance, step_tolerance, max_steps_outside;
};

// The common case of take_step()'s judgement, for lanes [0, n) in one vectorised pass: a lane
// whose new point (nx, ny) has a finite f and gradient, that cannot have converged (each
// component of the gradient and of the step within the tolerances is necessary for that) and
// has not been outside the domain too long is running on. Any other lane is flagged, for
// judge_flagged_lanes(). Every lane's count of steps outside the domain is advanced as if it ran
// on (a flagged lane's count before the step is recovered from it: see judge_flagged_lanes()):
// an unconditional store, where keeping a flagged lane's count would cost a masked load and
// store. Returns whether any lane was flagged. Vectorised at each CPU's width (vector_clones.hpp).
// On a cheap function this pass was half of a basin map's time (issue 19), hence the care.
LOSSCAPE_VECTOR_CLONES bool move_plain_lanes(const PlainStepLimits& limits, const double* __restrict x,
                                             const double* __restrict y, const double* __restrict nx,
                                             const double* __restrict ny, const double* __restrict f,
                                             const double* __restrict gx, const double* __restrict gy,
                                             double* __restrict outside, std::int64_t* __restrict flagged,
                                             std::size_t n) {
  const Domain d = limits.domain;
  const double gt = limits.gradient_tolerance, st = limits.step_tolerance;
  // Comparisons are the scarce resource here: a CPU compares fewer vectors a cycle than it adds
  // (with AVX-512 each result goes to a mask register). So each condition is folded into one
  // number first and compared once: four comparisons a lane, not thirteen, and a pass twice as
  // fast. 64-bit integers, not bools, hold the conditions: the same width as the doubles, which
  // is what lets GCC vectorise the loop. Every folding gives the exact answer for the
  // finite values it is asked about: a - b <= 0 exactly when a <= b (IEEE subtraction keeps the
  // sign, and is 0 only for equal numbers), and a maximum is <= 0 when each is.
  std::int64_t any = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // 0 where f and its gradient are finite, NaN where any is infinite or NaN (x - x).
    const double finite_test = ((f[i] - f[i]) + (gx[i] - gx[i])) + (gy[i] - gy[i]);
    const std::int64_t not_finite = !(finite_test == 0.0);
    // The new point's distance beyond the domain's nearest edge (<= 0: inside). The new point is
    // finite (the lanes' step() reported any that is not, and those lanes have ended).
    const double beyond = max(max(d.x_min - nx[i], nx[i] - d.x_max), max(d.y_min - ny[i], ny[i] - d.y_max));
    const std::int64_t inside = beyond <= 0.0;
    const double steps_outside = inside ? 0.0 : outside[i] + 1.0;
    // Converging needs the gradient's and the step's components within their tolerances (a
    // NaN in the gradient makes this false, but that lane is flagged already).
    const double gradient_over = max(std::abs(gx[i]), std::abs(gy[i])) - gt;
    const double step_over = max(std::abs(nx[i] - x[i]), std::abs(ny[i] - y[i])) - st;
    const std::int64_t may_converge = max(gradient_over, step_over) <= 0.0;
    const std::int64_t flag = not_finite | may_converge | (steps_outside > limits.max_steps_outside);
    outside[i] = steps_outside;
    flagged[i] = flag;
    any |= flag;
  }
  return any != 0;
}

}  // namespace

LaneBlock::LaneBlock(const CostFunction& cost, std::unique_ptr<OptimizerLanes> lanes, const StepLimits& limits)
    : cost_(cost),
      lanes_(std::move(lanes)),
      limits_(limits),
      domain_(cost.domain()),
      box_(divergence_box(domain_, limits)),
      // take_step()'s convergence test compares the step with this tolerance, in domain units.
      step_tolerance_(limits.step_tolerance * std::max(domain_.width(), domain_.height())) {}

void LaneBlock::start(const glm::dvec2* starts, std::size_t n) {
  x_ = position_x_[0], y_ = position_y_[0], nx_ = position_x_[1], ny_ = position_y_[1];
  f_ = value_[0], gx_ = gradient_x_[0], gy_ = gradient_y_[0];
  nf_ = value_[1], ngx_ = gradient_x_[1], ngy_ = gradient_y_[1];
  for (std::size_t k = 0; k < n; ++k) {
    x_[k] = nx_[k] = starts[k].x, y_[k] = ny_[k] = starts[k].y;
    outside_[k] = 0.0, id_[k] = static_cast<std::uint32_t>(k);
  }
  active_ = n;
  ended_.clear();
  cost_.evaluate_batch(x_, y_, n, f_, gx_, gy_);
  finish_undefined_starts();
  lanes_->reset();
}

void LaneBlock::step(std::size_t taken) {
  ended_.clear();
  if (active_ == 0) return;
  const PlainStepLimits plain{domain_, limits_.gradient_tolerance, step_tolerance_,
                              static_cast<double>(limits_.max_steps_outside_domain)};
  if (lanes_->step(static_cast<double>(taken + 1), x_, y_, gx_, gy_, nx_, ny_, active_, box_)) {
    finish_lanes_outside_the_box(taken);
  }
  cost_.evaluate_batch(nx_, ny_, active_, nf_, ngx_, ngy_);
  if (move_plain_lanes(plain, x_, y_, nx_, ny_, nf_, ngx_, ngy_, outside_, flagged_, active_)) {
    judge_flagged_lanes(taken);
  }
  // Every lane still running has moved: the new points (and f there) are the current ones.
  std::swap(x_, nx_);
  std::swap(y_, ny_);
  std::swap(f_, nf_);
  std::swap(gx_, ngx_);
  std::swap(gy_, ngy_);
}

void LaneBlock::finish(std::size_t a, BallStatus outcome, std::size_t steps, const TrackedPoint& point) {
  ended_.push_back({id_[a], outcome, static_cast<std::uint32_t>(steps), point, {x_[a], y_[a]}});
  const std::size_t last = --active_;
  x_[a] = x_[last], y_[a] = y_[last], nx_[a] = nx_[last], ny_[a] = ny_[last];
  f_[a] = f_[last], gx_[a] = gx_[last], gy_[a] = gy_[last];
  nf_[a] = nf_[last], ngx_[a] = ngx_[last], ngy_[a] = ngy_[last];
  outside_[a] = outside_[last], flagged_[a] = flagged_[last], id_[a] = id_[last];
  lanes_->move(last, a);
}

void LaneBlock::finish_undefined_starts() {
  for (std::size_t a = 0; a < active_;) {
    TrackedPoint point;
    const BallStatus status = judge_start({x_[a], y_[a]}, f_[a], {gx_[a], gy_[a]}, point);
    if (status == BallStatus::running) {
      ++a;
    } else {
      finish(a, status, 0, point);
    }
  }
}

void LaneBlock::finish_lanes_outside_the_box(std::size_t steps) {
  for (std::size_t a = 0; a < active_;) {  // diverged, at the last good point
    if (box_.contains({nx_[a], ny_[a]})) {
      ++a;
    } else {
      const TrackedPoint point{{x_[a], y_[a]}, f_[a], {gx_[a], gy_[a]}, static_cast<std::size_t>(outside_[a])};
      finish(a, BallStatus::diverged, steps, point);
    }
  }
}

void LaneBlock::judge_flagged_lanes(std::size_t steps) {
  for (std::size_t a = 0; a < active_;) {
    if (!flagged_[a]) {
      ++a;
      continue;
    }
    // The count of steps outside before this step: move_plain_lanes() advanced it as if the lane
    // ran on, to 0 for a new point inside the domain (where judge_step() sets it to 0 too, or
    // ends the lane) and by one outside.
    const glm::dvec2 next{nx_[a], ny_[a]};
    const double outside_before = domain_.contains(next) ? 0.0 : outside_[a] - 1.0;
    TrackedPoint point{{x_[a], y_[a]}, f_[a], {gx_[a], gy_[a]}, static_cast<std::size_t>(outside_before)};
    const StepResult result = judge_step(domain_, limits_, point, next, nf_[a], {ngx_[a], ngy_[a]});
    outside_[a] = static_cast<double>(point.steps_outside_domain);
    if (result.status == BallStatus::running) {
      ++a;  // moved to (nx, ny), like every lane running on
    } else {
      finish(a, result.status, steps + (result.moved ? 1 : 0), point);
    }
  }
}

}  // namespace losscape
