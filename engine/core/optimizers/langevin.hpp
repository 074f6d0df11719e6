#pragma once
#include "engine/core/optimizer.hpp"

#include <cstdint>

namespace losscape {

// Stochastic gradient Langevin dynamics (Welling & Teh 2011, "Bayesian Learning via Stochastic
// Gradient Langevin Dynamics", ICML), with a constant step:
//   p_{t+1} = p_t - lr * g_t + sqrt(2 * lr * temperature) * xi_t,   xi_t ~ N(0, I)
// g_t is the gradient the ball sees (noisy or a minibatch's where the scene says so). The paper's
// step Δθ = (ε/2) ∇log p(θ) + η, η ~ N(0, ε), is this with log p = -f / temperature and
// ε = 2 lr temperature: for small lr the ball's positions sample the Gibbs density
// exp(-f / temperature), so it keeps visiting every basin, deep ones most. temperature = 0 is
// gradient descent. xi_t is drawn from (seed, t) alone (Optimizer::set_seed).
class Sgld final : public Optimizer {
 public:
  Sgld();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override { steps_ = 0; }
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Sgld>(*this); }
  void set_seed(std::uint64_t seed) override { seed_ = seed; }
  // The drift and the noise, with the very draw the step will make (the draws come from (seed, t)).
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;

 private:
  std::uint64_t seed_ = 0, steps_ = 0;
};

}  // namespace losscape
