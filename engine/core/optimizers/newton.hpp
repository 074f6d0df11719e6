#pragma once
#include "engine/core/optimizer.hpp"

namespace losscape {

// Newton's method with the exact Hessian, damped and with a trust radius:
//   d_t = -H(p_t)^{-1} grad f(p_t)
//   p_{t+1} = p_t + lr * d_t, shortened to at most max_step (domain units)
// On a quadratic with lr = 1 it lands on the stationary point in one step. Pure Newton heads
// for ANY stationary point, a saddle or a maximum included: that misbehaviour is what a
// lecture shows, so the Hessian is not modified. Where H is singular (|det H| tiny against
// its size) the step falls back to a steepest-descent step of length lr * max_step.
class Newton final : public Optimizer {
 public:
  Newton();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override { last_step_ = glm::dvec2(0.0); }
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Newton>(*this); }
  glm::dvec2 velocity() const override { return last_step_; }
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;

 private:
  // One step's numbers, which step() takes and explain() shows.
  struct Terms {
    glm::dvec2 g{0.0};
    glm::dmat2 h{0.0};
    double det = 0.0;
    bool singular = false;
    glm::dvec2 direction{0.0};  // before the trust radius
    glm::dvec2 d{0.0};          // the step
  };
  Terms terms(const CostFunction& cost, glm::dvec2 p) const;
  glm::dvec2 last_step_{0.0};
};

}  // namespace losscape
