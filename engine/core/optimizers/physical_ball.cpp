#include "engine/core/optimizers/physical_ball.hpp"

#include <cmath>
#include <limits>

namespace losscape {
namespace {

enum { kMass, kGravity, kFriction, kDt };

// The surface's upward normal direction (not unit): the gradient of z - f(x, y).
glm::dvec3 constraint_gradient(const CostFunction& cost, glm::dvec2 q) {
  const glm::dvec2 g = cost.gradient(q);
  return {-g.x, -g.y, 1.0};
}

}  // namespace

PhysicalBall::PhysicalBall() : Optimizer("ball", "Physical ball") { init_parameters(); }

const std::vector<ParameterSpec>& PhysicalBall::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"mass", 1.0, 0.0, 1000.0, true, true, "mass m: scales the energy; the motion itself does not depend on it"},
      {"gravity", 9.81, 0.0, 1000.0, true, true, "g: how hard the ball is pulled down (in f units per time squared)"},
      {"friction", 1.5, 0.0, 100.0, false, false,
       "viscous friction per unit time: 0 rolls forever, larger settles sooner"},
      {"dt", 0.005, 0.0, 1.0, true, true, "time step of one solver step (smaller is more accurate, slower)"},
  };
  return table;
}

void PhysicalBall::reset() { v_ = glm::dvec3(0.0); }

glm::dvec2 PhysicalBall::velocity() const { return glm::dvec2(v_.x, v_.y) * value_at(kDt); }

double PhysicalBall::energy(const CostFunction& cost, glm::dvec2 q) const {
  return value_at(kMass) * (0.5 * glm::dot(v_, v_) + value_at(kGravity) * cost.value(q));
}

glm::dvec2 PhysicalBall::step(const CostFunction& cost, glm::dvec2 q0) {
  taken_ = {};
  glm::dvec2 q1;
  if (!advance(cost, q0, value_at(kDt), 0, q1)) {
    // Even 1/64 of the step cannot follow the surface: report a non-finite position, and the
    // simulation stops the ball as diverged at its last good point.
    return glm::dvec2(std::numeric_limits<double>::quiet_NaN());
  }
  return q1;
}

bool PhysicalBall::advance(const CostFunction& cost, glm::dvec2 q, double h, int depth, glm::dvec2& out) {
  constexpr int kMaxDepth = 6;  // at most 64 sub-steps
  if (rattle(cost, q, h, depth < kMaxDepth, out)) return true;
  if (depth >= kMaxDepth) return false;
  glm::dvec2 mid;
  return advance(cost, q, 0.5 * h, depth + 1, mid) && advance(cost, mid, 0.5 * h, depth + 1, out);
}

bool PhysicalBall::rattle(const CostFunction& cost, glm::dvec2 q0, double dt, bool strict, glm::dvec2& out) {
  const double m = value_at(kMass), g = value_at(kGravity), gamma = value_at(kFriction);
  const glm::dvec3 gravity(0.0, 0.0, -g);
  const double half_decay = std::exp(-0.5 * gamma * dt);
  const glm::dvec3 v0 = v_ * half_decay;
  const double energy_after_friction = m * (0.5 * glm::dot(v0, v0) + g * cost.value(q0));

  // Position half of RATTLE: r1 = r0 + dt v + dt^2/2 (a_gravity + lambda n0 / m), with the
  // multiplier lambda found by Newton's method so that r1 lies on the surface.
  const glm::dvec3 r0(q0, cost.value(q0));
  const glm::dvec3 n0 = constraint_gradient(cost, q0);
  const glm::dvec3 base = r0 + dt * v0 + 0.5 * dt * dt * gravity;
  const double c = 0.5 * dt * dt / m;
  double lambda = 0.0, best = std::numeric_limits<double>::infinity();
  glm::dvec3 r1 = base;
  for (int iteration = 0; iteration < 50; ++iteration) {
    r1 = base + (c * lambda) * n0;
    const glm::dvec2 q1(r1.x, r1.y);
    const double residual = r1.z - cost.value(q1);
    if (!std::isfinite(residual)) return false;
    // Stop at the rounding floor: when Newton no longer improves a residual that is already tiny.
    if (std::abs(residual) >= 0.5 * best && best <= 1e-9 * (1.0 + std::abs(r1.z))) break;
    best = std::min(best, std::abs(residual));
    if (best == 0.0) break;
    // d residual / d lambda = c * (n0.z - grad f(q1) . n0.xy), with n0.z = 1.
    const glm::dvec2 g1 = cost.gradient(q1);
    const double slope = c * (1.0 - g1.x * n0.x - g1.y * n0.y);
    if (!(std::abs(slope) > 0.0)) return false;
    lambda -= residual / slope;
  }
  if (!(best <= 1e-9 * (1.0 + std::abs(r1.z)))) return false;
  const glm::dvec2 q1(r1.x, r1.y);
  const glm::dvec3 v_half = (r1 - r0) / dt;

  // Velocity half: v1 = v_half + dt/2 a_gravity + mu n1, with mu making v1 tangent at r1.
  const glm::dvec3 n1 = constraint_gradient(cost, q1);
  const glm::dvec3 free = v_half + 0.5 * dt * gravity;
  glm::dvec3 v1 = (free - (glm::dot(n1, free) / glm::dot(n1, n1)) * n1) * half_decay;
  if (!std::isfinite(v1.x) || !std::isfinite(v1.y) || !std::isfinite(v1.z)) return false;

  if (gamma > 0.0) {
    // Friction only removes energy: take back whatever the discretisation added. A step that
    // lands higher than the energy allows at all is too long: refuse it (it is retried as two
    // half steps), unless it is already the shortest.
    const double potential = m * g * cost.value(q1);
    if (strict && potential > energy_after_friction) return false;
    const double kinetic = 0.5 * m * glm::dot(v1, v1);
    if (potential + kinetic > energy_after_friction && kinetic > 0.0) {
      v1 *= std::sqrt(std::max(energy_after_friction - potential, 0.0) / kinetic);
    }
  }
  if (taken_.substeps++ == 0) {
    taken_.damped = glm::dvec2(v0);
    taken_.acceleration = glm::dvec2(r1 - base) * (2.0 / (dt * dt));  // gravity has no (x, y) part
  }
  v_ = v1;
  out = q1;
  return true;
}

StepExplanation PhysicalBall::explain(const CostFunction& cost, glm::dvec2 position) const {
  PhysicalBall copy(*this);
  const glm::dvec2 to = copy.step(cost, position), g = cost.gradient(position);
  StepExplanation out = explanation_opening(position, g, to);
  const double dt = value_at(kDt);
  const Taken& taken = copy.taken_;
  out.lines.insert(out.lines.end(), {{"v = (dx/dt, dy/dt)", glm::dvec2(v_)},
                                     {"v = v * exp(-friction*dt/2)  (friction)", taken.damped},
                                     {"a = normal force / m: gravity along the slope", taken.acceleration},
                                     {"substeps (the step halved where the surface bends too fast)",
                                      glm::dvec2(static_cast<double>(taken.substeps)), true}});
  out.arrows.push_back({"dt v", dt * taken.damped, TermRole::momentum, TermUnits::position});
  out.arrows.push_back({"dt^2/2 a", 0.5 * dt * dt * taken.acceleration, TermRole::scaled, TermUnits::position});
  close_explanation(out, "p_new = p + dt v + dt^2/2 a, on the surface");
  out.lines.push_back(
      {"v_new = tangent part of (p_new - p)/dt - dt/2 gravity, * exp(-friction*dt/2)", glm::dvec2(copy.v_)});
  return out;
}

}  // namespace losscape
