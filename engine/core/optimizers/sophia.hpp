#pragma once
#include "engine/core/optimizer.hpp"

namespace losscape {

// Sophia, as H. Liu, Z. Li, D. Hall, P. Liang, T. Ma, "Sophia: A Scalable Stochastic Second-order
// Optimizer for Language Model Pre-training" (ICLR 2024, arXiv:2305.14342), Algorithm 3, with
// the official SophiaG implementation's parameter names; here h_hat is the EXACT Hessian
// diagonal, where the paper estimates it (Hutchinson or Gauss-Newton-Bartlett):
//   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t                        (m_0 = 0)
//   every k steps (t = 1, k + 1, 2k + 1, ...): h_t = beta2 * h_{t-k} + (1 - beta2) * diag H(p_t)
//   otherwise h_t = h_{t-1}                                           (h_0 = 0)
//   p_t <- p_t - lr * weight_decay * p_t                              (decoupled decay)
//   p_{t+1} = p_t - lr * clip(m_t / max(rho * h_t, eps), 1)           (per coordinate, clip to [-1, 1])
// Where the curvature is negative or tiny, max(rho * h, eps) = eps and the step is clipped to a
// sign step of lr: Sophia never climbs along a negative curvature, and never steps further
// than lr per coordinate. It offers no lanes (the lanes see no Hessian): the basin maps run it
// one start at a time.
class Sophia final : public Optimizer {
 public:
  Sophia();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Sophia>(*this); }
  glm::dvec2 velocity() const override { return last_step_; }
  // The curvature estimate h_t (the EMA of the Hessian diagonal), for tests and the panel.
  glm::dvec2 curvature() const { return hessian_average_; }

 private:
  double steps_ = 0.0;  // since reset
  glm::dvec2 momentum_{0.0}, hessian_average_{0.0}, last_step_{0.0};
};

}  // namespace losscape
