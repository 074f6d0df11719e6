#pragma once
#include "engine/core/optimizer.hpp"

namespace losscape {

// A physical ball: a point mass sliding without losing contact on the surface z = f(x, y),
// pulled down by gravity, slowed by viscous friction. Not a momentum step in disguise: its
// state is a true 3D velocity, and its energy
//   E = 1/2 m |v|^2 + m g f(x, y)
// is what the integrator is built to respect.
//
// Integrator: RATTLE (velocity Verlet for a holonomic constraint, here z - f(x, y) = 0), which
// is symplectic: with friction 0 its energy error stays bounded (it oscillates, never drifts).
// Friction is split off and applied exactly, v <- v * exp(-friction * dt / 2), before and after
// each RATTLE step, so it only ever removes kinetic energy. With friction > 0 any energy the
// discretisation would add in a step is taken back from the speed (a projection onto the
// previous energy level), and a step that would land higher than the energy allows is taken
// as two half steps instead, so the energy never increases.
// One optimizer step is one time step dt. Where a step is too long for the surface's bumps
// (the constraint cannot be solved), it is taken as two half steps, recursively.
// velocity() is v * dt in (x, y), position units per step.
class PhysicalBall final : public Optimizer {
 public:
  PhysicalBall();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<PhysicalBall>(*this); }
  glm::dvec2 velocity() const override;
  // Friction, the slope's pull, the position and velocity updates, from a copy's step.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;

  // Kinetic plus potential energy at `position` with the current velocity.
  double energy(const CostFunction& cost, glm::dvec2 position) const;
  glm::dvec3 velocity_3d() const { return v_; }

 private:
  // One RATTLE step of length h from q; false (state untouched) if the constraint could not be
  // met or (when strict) the step would have to create energy.
  bool rattle(const CostFunction& cost, glm::dvec2 q, double h, bool strict, glm::dvec2& out);
  bool advance(const CostFunction& cost, glm::dvec2 q, double h, int depth, glm::dvec2& out);

  glm::dvec3 v_{0.0};  // (dx/dt, dy/dt, dz/dt), tangent to the surface
  // What the last step did, for explain(): its RATTLE substeps, and the first one's velocity after
  // friction and acceleration in (x, y) (the surface's push: gravity along the slope, and the bend).
  struct Taken {
    int substeps = 0;
    glm::dvec2 damped{0.0}, acceleration{0.0};
  } taken_;
};

}  // namespace losscape
