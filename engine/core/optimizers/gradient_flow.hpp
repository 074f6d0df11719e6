#pragma once
#include "engine/core/optimizer.hpp"

namespace losscape {

// Gradient flow, dp/dt = -grad f(p): the continuous-time limit that gradient descent with step
// lr approximates (p <- p - lr grad f is this equation's explicit Euler step). One ball step
// advances time by lr, so after k steps this ball is where gradient descent with a vanishing
// step would be after "k steps of lr": the reference curve every discrete method approximates.
// Integrated by the Dormand-Prince 5(4) pair (Dormand & Prince 1980; Hairer, Norsett & Wanner,
// "Solving Ordinary Differential Equations I", sec. II.4 and II.5) with local extrapolation and
// error control: a substep is accepted where its error estimate, per coordinate, is at most
// tolerance * max(1, |p|), and the next substep is h * min(5, max(0.2, 0.9 err^(-1/5))). The
// last accepted substep carries over to the next ball step. A ball step stops early, short of lr,
// after 10,000 substeps (a very stiff valley, or f undefined ahead).
class GradientFlow final : public Optimizer {
 public:
  GradientFlow();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<GradientFlow>(*this); }
  glm::dvec2 velocity() const override { return last_step_; }
  // dp/dt = -grad f, the time advanced, the substeps a copy's step took, the chord.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;

  // Substeps the last ball step took, accepted and rejected: how hard the flow was to follow.
  std::size_t last_substeps() const { return last_substeps_; }

 private:
  double h_ = 0.0;  // the next substep's length; 0: none tried yet
  std::size_t last_substeps_ = 0;
  glm::dvec2 last_step_{0.0};
};

}  // namespace losscape
