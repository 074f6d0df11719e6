#pragma once
#include "engine/core/optimizers/wrapper.hpp"

namespace losscape {

// SAM, sharpness-aware minimisation (Foret, Kleiner, Mobahi, Neyshabur 2021, "Sharpness-Aware
// Minimization for Efficiently Improving Generalization", Algorithm 1), around any inner method
// (gradient descent by default, as the paper):
//   g = grad f(w)
//   e = rho * g / ||g||                    (e = 0 where g = 0)
//   the inner method steps from w with the gradient at the ascent point, grad f(w + e)
// Adaptive SAM (ASAM: Kwon, Kim, Park, Choi 2021, "ASAM: Adaptive Sharpness-Aware Minimization
// for Scale-Invariant Learning of Deep Neural Networks", eq. 10 with T_w = |w|) when sam_adaptive is 1:
//   e = rho * T_w^2 g / ||T_w g||
// The inner method sees f shifted by e for the whole step, f_e(p) = f(p + e): its gradient at w is
// grad f(w + e), and a method that evaluates f more than once (L-BFGS's line search) searches f_e.
// The ascent point w + e is drawn as a small marker joined to the ball.
class Sam final : public WrapperOptimizer {
 public:
  Sam(std::string name, std::unique_ptr<Optimizer> inner);
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Sam>(*this); }
  // e, the ascent point, then the inner method's explanation with the gradient taken there.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;
  // Where the last step took its gradient, w + e (none before the first step).
  glm::dvec2 ascent_point() const { return ascent_; }

 private:
  void reset_own() override { stepped_ = false; }
  // e: where the step takes its gradient, relative to the ball.
  glm::dvec2 ascent_offset(const CostFunction& cost, glm::dvec2 position) const;
  std::vector<Companion> own_companions() const override;

  bool stepped_ = false;
  glm::dvec2 ascent_{0.0};
};

}  // namespace losscape
