#pragma once
#include "engine/core/optimizer.hpp"

#include <deque>
#include <vector>

namespace losscape {

// L-BFGS, as torch.optim.LBFGS, mirroring torch 1.13's lbfgs.py operation for operation
// (_strong_wolfe and _cubic_interpolate included). One ball step is one optimizer.step(closure):
// up to max_iter quasi-Newton iterations and max_eval evaluations of f and its gradient.
//   d = -H g, H from the last history_size pairs (s = t d, y = g_new - g) by the two-loop
//   recursion, scaled by y.s / y.y; d_1 = -g_1, and the very first t is min(1, 1 / |g_1|_1) lr.
//   strong_wolfe = 0: p <- p + lr d, then f and g at the new point;
//   strong_wolfe = 1: t from a line search along d meeting the strong Wolfe conditions
//   (c1 = 1e-4, c2 = 0.9, at most 25 evaluations), p <- p + t d.
// A step stops early when max |g| <= tolerance_grad, or its change in p or f is below
// tolerance_change. It needs f as well as the gradient, so it runs one start at a time (no lanes).
class Lbfgs final : public Optimizer {
 public:
  Lbfgs();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Lbfgs>(*this); }
  glm::dvec2 velocity() const override { return last_step_; }
  // What a copy's step did: its iterations and evaluations, its last direction and step length.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;

  // The points where the last step evaluated f and its gradient, in order (its start first):
  // their number is the step's function evaluations (torch's current_evals).
  const std::vector<glm::dvec2>& last_evaluations() const { return evaluations_; }
  // Evaluations since reset() (torch's state['func_evals']).
  std::size_t function_evaluations() const { return func_evals_; }
  // The last step's evaluations after its start (the start is where the ball was).
  std::vector<Companion> companions() const override {
    std::vector<Companion> out;
    for (std::size_t i = 1; i < evaluations_.size(); ++i) out.push_back({Companion::Kind::evaluated, evaluations_[i]});
    return out;
  }

 private:
  // torch's state, kept across steps.
  std::size_t func_evals_ = 0, n_iter_ = 0;
  glm::dvec2 d_{0.0}, prev_flat_grad_{0.0};
  double t_ = 0.0, h_diag_ = 1.0, prev_loss_ = 0.0;
  std::deque<glm::dvec2> old_dirs_, old_stps_;
  std::deque<double> ro_;
  std::vector<double> al_;

  std::vector<glm::dvec2> evaluations_;
  glm::dvec2 last_step_{0.0};
};

}  // namespace losscape
