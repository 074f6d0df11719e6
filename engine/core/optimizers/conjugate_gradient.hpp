#pragma once
#include "engine/core/optimizer.hpp"

#include <vector>

namespace losscape {

// Nonlinear conjugate gradient, Polak-Ribiere+ (Nocedal & Wright, "Numerical Optimization",
// 2nd ed., sec. 5.2, eq. 5.44-5.45). One ball step is one iteration:
//   beta = max(0, g'(g - g_prev) / g_prev'g_prev);  d = -g + beta d_prev;  p <- p + t d
// with t from the line search along d. d restarts as -g on the first step, every `restart`
// steps (N&W: every n, here n = 2; 0: never on a schedule) and wherever d is not a descent
// direction (g'd >= 0). The strong-Wolfe search uses c2 = 0.1, N&W's value for CG. Its first
// trial t is min(1, 1 / |g|_1) lr on a run's first step, then lr t_prev g_prev'd_prev / g'd
// (N&W eq. 3.60: the last step's first-order change again); without a search the step is lr d.
// A step at a point where max |g| <= tolerance_grad does nothing.
class ConjugateGradient final : public Optimizer {
 public:
  ConjugateGradient();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<ConjugateGradient>(*this); }
  glm::dvec2 velocity() const override { return last_step_; }
  // Three steps in a row left the point where it was: the state no longer changes, so no later
  // step will move it either (the line search found no decrease, also from -g).
  bool at_rest() const override { return last_step_ == glm::dvec2(0.0) && still_steps_ >= 2; }
  // The points the last step's line search evaluated (small dots).
  std::vector<Companion> companions() const override;
  // g, beta, d = -g + beta d_prev (or the restart), t, from a copy's step.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;

 private:
  glm::dvec2 g_prev_{0.0}, d_prev_{0.0};
  double t_prev_ = 0.0;
  std::size_t since_restart_ = 0;  // iterations since d was last -g; 0: none yet (a new run)
  std::vector<glm::dvec2> evaluated_;
  glm::dvec2 last_step_{0.0};
  int still_steps_ = 0;  // steps in a row before the last that did not move (the first counts)
  // What the last step used, for explain(): beta (where computed) and why d restarted.
  struct Taken {
    bool searched = false, has_beta = false;
    double beta = 0.0;
    const char* restart = "";
  } taken_;
};

}  // namespace losscape
