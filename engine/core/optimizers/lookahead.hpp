#pragma once
#include "engine/core/optimizers/wrapper.hpp"

namespace losscape {

// Lookahead (Zhang, Lucas, Hinton, Ba 2019, "Lookahead Optimizer: k steps forward, 1 step
// back", Algorithm 1) around any inner method A:
//   phi_0 = theta_0                                       (the slow weights start at the start)
//   theta_{t,i} = theta_{t,i-1} + A(theta_{t,i-1}),  i = 1..k,  from theta_{t,0} = phi_{t-1}
//   phi_t = alpha * theta_{t,k} + (1 - alpha) * phi_{t-1}  (= phi + alpha (theta - phi))
// and the fast weights restart from phi_t. One ball step is one inner step; every k-th one ends
// at the new slow weights. The ball is the fast weights theta; the slow weights phi are drawn as a
// paler ball joined to it. The inner method keeps its state (momentum, Adam's moments and step
// count) across syncs: the paper's choice for its Adam experiments, and torch-optimizer's.
// The sync is written alpha * theta + (1 - alpha) * phi, as torch-optimizer does, so that
// alpha = 1 gives theta exactly (k = 1, alpha = 1 is then the inner method bit for bit).
class Lookahead final : public WrapperOptimizer {
 public:
  Lookahead(std::string name, std::unique_ptr<Optimizer> inner);
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Lookahead>(*this); }
  // The inner method's explanation, then on a sync step the slow weights' move and the reset.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;
  // The slow weights phi (the start before the first step).
  glm::dvec2 slow_weights() const { return slow_; }

 private:
  void reset_own() override;
  std::vector<Companion> own_companions() const override;

  bool started_ = false;
  glm::dvec2 slow_{0.0};
  double inner_steps_ = 0.0;  // since the last sync
};

}  // namespace losscape
