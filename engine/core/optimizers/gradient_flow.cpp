#include "engine/core/optimizers/gradient_flow.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {
namespace {

enum { kLr, kTolerance };

constexpr std::size_t kMaxSubsteps = 10000;

// The Dormand-Prince tableau (its nodes c are not needed: the flow does not depend on time): a,
// the stages, whose last row is also b, the fifth-order weights (first same as last), and
// e = b - b*, b* the fourth-order weights: the error estimate's.
constexpr double a[7][6] = {
    {},
    {1.0 / 5.0},
    {3.0 / 40.0, 9.0 / 40.0},
    {44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0},
    {19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0},
    {9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0},
    {35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0},
};
constexpr double e[7] = {71.0 / 57600.0,      0.0,          -71.0 / 16695.0, 71.0 / 1920.0,
                         -17253.0 / 339200.0, 22.0 / 525.0, -1.0 / 40.0};

bool finite(glm::dvec2 v) { return std::isfinite(v.x) && std::isfinite(v.y); }

}  // namespace

GradientFlow::GradientFlow() : Optimizer("flow", "Gradient flow") { init_parameters(); }

const std::vector<ParameterSpec>& GradientFlow::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true,
       "time advanced per ball step: gradient descent with this lr is the flow's Euler approximation"},
      {"tolerance", 1e-11, 0.0, 1e-3, true, true, "error allowed per substep, relative to max(1, |p|)"},
  };
  return table;
}

void GradientFlow::reset() {
  h_ = 0.0;
  last_substeps_ = 0;
  last_step_ = glm::dvec2(0.0);
}

glm::dvec2 GradientFlow::step(const CostFunction& cost, glm::dvec2 position) {
  const double duration = value_at(kLr), tolerance = value_at(kTolerance);
  const auto velocity_at = [&](glm::dvec2 p) { return -cost.gradient(p); };
  glm::dvec2 p = position;
  glm::dvec2 k[7];
  k[0] = velocity_at(p);
  double h = h_ > 0.0 ? h_ : duration;
  double elapsed = 0.0;
  last_substeps_ = 0;
  while (elapsed < duration && last_substeps_ < kMaxSubsteps && finite(k[0])) {
    ++last_substeps_;
    const bool last = h >= duration - elapsed;
    const double dt = last ? duration - elapsed : h;
    for (int s = 1; s < 7; ++s) {
      glm::dvec2 sum(0.0);
      for (int j = 0; j < s; ++j) sum += a[s][j] * k[j];
      k[s] = velocity_at(p + dt * sum);
    }
    glm::dvec2 error(0.0);
    for (int j = 0; j < 7; ++j) error += e[j] * k[j];
    error *= dt;
    const glm::dvec2 next =
        p + dt * (a[6][0] * k[0] + a[6][2] * k[2] + a[6][3] * k[3] + a[6][4] * k[4] + a[6][5] * k[5]);
    const double scale_x = tolerance * std::max({1.0, std::abs(p.x), std::abs(next.x)});
    const double scale_y = tolerance * std::max({1.0, std::abs(p.y), std::abs(next.y)});
    const double err = std::max(std::abs(error.x) / scale_x, std::abs(error.y) / scale_y);
    const bool accepted = err <= 1.0 && finite(k[6]);  // false for a NaN error too
    const double factor = std::isfinite(err) ? std::clamp(0.9 * std::pow(err, -0.2), 0.2, 5.0) : 0.2;
    if (accepted) {
      p = next;
      k[0] = k[6];  // first same as last: the velocity at the new point
      elapsed = last ? duration : elapsed + dt;
      // A last substep shortened to fit says nothing about the right length: keep h then.
      if (!last || dt == h) h = dt * factor;
    } else {
      h = dt * factor;
    }
  }
  h_ = h;
  last_step_ = p - position;
  return p;
}

StepExplanation GradientFlow::explain(const CostFunction& cost, glm::dvec2 position) const {
  GradientFlow copy(*this);
  const glm::dvec2 to = copy.step(cost, position), g = cost.gradient(position);
  StepExplanation out = explanation_opening(position, g, to);
  out.lines.insert(out.lines.end(), {
                                        {"dp/dt = -grad f(p)  (at p)", -g},
                                        {"time advanced = lr", glm::dvec2(value_at(kLr)), true},
                                        {"substeps taken (Dormand-Prince 5(4), accepted and rejected)",
                                         glm::dvec2(static_cast<double>(copy.last_substeps_)), true},
                                        {"next substep length", glm::dvec2(copy.h_), true},
                                    });
  close_explanation(out, "p_new = p + integral of -grad f dt");
  return out;
}

}  // namespace losscape
