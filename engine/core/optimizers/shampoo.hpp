#pragma once
#include "engine/core/optimizer.hpp"

namespace losscape {

// Shampoo, as V. Gupta, T. Koren, Y. Singer, "Shampoo: Preconditioned Stochastic Tensor
// Optimization" (ICML 2018, arXiv:1802.09568), Algorithm 2 for an order-1 tensor: the point (x, y)
// is one vector, so Shampoo keeps one 2x2 preconditioner and raises it to -1/2 (-1/(2k) for order
// k), which makes it full-matrix AdaGrad:
//   G_0 = eps * I,  G_t = G_{t-1} + g_t g_t^T
//   d_t = G_t^{-1/2} g_t                      (the symmetric inverse square root, below)
//   p_{t+1} = p_t - lr * d_t,   or with momentum mu > 0:  b_t = mu * b_{t-1} + d_t,  p_{t+1} = p_t - lr * b_t
// Unlike the per-coordinate methods (AdaGrad, Adam...) it does not care how the axes are turned:
// run on f(R p) for a rotation R, its path is R^T times its path on f. |d_t| <= 1 always
// (G_t >= g_t g_t^T), so no step is longer than lr (without momentum). It offers no lanes: the
// basin maps run it one start at a time.
class Shampoo final : public Optimizer {
 public:
  Shampoo();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Shampoo>(*this); }
  glm::dvec2 velocity() const override { return last_step_; }
  // G, G^{-1/2}, the preconditioned direction and the step.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;

 private:
  // G_t - eps * I, the sum of the g g^T, as (xx, xy, yy): eps is added to its eigenvalues, not
  // to its entries, so that it keeps its effect even where it is far below the entries' rounding.
  glm::dvec3 gradient_outer_sum_{0.0};
  glm::dvec2 momentum_{0.0}, last_step_{0.0};
};

// (S + shift * I)^{-1/2} v for the symmetric positive semidefinite 2x2 S = [[a, b], [b, c]] and
// shift > 0, from S's eigen-decomposition S = l1 e1 e1^T + l2 e2 e2^T:
//   (S + shift I)^{-1/2} v = (e1.v) e1 / sqrt(l1 + shift) + (e2.v) e2 / sqrt(l2 + shift).
// Written to keep the small eigenvalue accurate (see the .cpp). Exposed for the tests.
glm::dvec2 inverse_sqrt_times(glm::dvec3 s, double shift, glm::dvec2 v);

}  // namespace losscape
