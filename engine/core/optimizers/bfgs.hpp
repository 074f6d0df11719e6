#pragma once
#include "engine/core/optimizer.hpp"

#include <vector>

namespace losscape {

// BFGS, Nocedal & Wright, "Numerical Optimization", 2nd ed., algorithm 6.1. One ball step is
// one iteration, with H the approximate inverse Hessian (the identity at first):
//   d = -H g;  t from the line search along d;  s = t d, y = g(p + s) - g;  p <- p + s;
//   H <- (I - rho s y') H (I - rho y s') + rho s s',  rho = 1 / y's     (N&W 6.17)
// H starts as the identity, unscaled (as scipy.optimize's BFGS; N&W's 6.20 rescaling would make
// the second step's natural length depend on the first's curvature). The update is skipped where
// the curvature condition fails (y's <= 1e-10 |y| |s|, y's = 0 included): the strong-Wolfe
// search guarantees y's > 0, the other two do not. Where d is not a descent direction H goes
// back to the identity. The first trial step is lr, the very first one min(1, 1 / |g|_1) lr (as
// L-BFGS's). A step at a point where max |g| <= tolerance_grad does nothing.
class Bfgs final : public Optimizer {
 public:
  Bfgs();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Bfgs>(*this); }
  glm::dvec2 velocity() const override { return last_step_; }
  // Three steps in a row left the point where it was: the state no longer changes, so no later
  // step will move it either (the line search found no decrease, also from -g).
  bool at_rest() const override { return last_step_ == glm::dvec2(0.0) && still_steps_ >= 2; }
  // The points the last step's line search evaluated (small dots).
  std::vector<Companion> companions() const override;
  // g, H, d = -H g and the line search's t, from a copy's step.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;

  const glm::dmat2& inverse_hessian() const { return h_; }

 private:
  glm::dmat2 h_{1.0};
  bool first_step_ = true;
  std::vector<glm::dvec2> evaluated_;
  glm::dvec2 last_step_{0.0};
  int still_steps_ = 0;  // steps in a row before the last that did not move (the first counts)
  // What the last step used, for explain(): H before its update, d, and t (searched: it got that far).
  struct Taken {
    bool searched = false;
    glm::dmat2 h{1.0};
    glm::dvec2 d{0.0};
    double t = 0.0;
  } taken_;
};

}  // namespace losscape
