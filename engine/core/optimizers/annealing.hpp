#pragma once
#include "engine/core/optimizer.hpp"

#include <cstdint>

namespace losscape {

// Simulated annealing (Kirkpatrick, Gelatt & Vecchi 1983, "Optimization by Simulated Annealing",
// Science 220) with the Metropolis rule (Metropolis et al. 1953) and a geometric schedule:
//   T_t = t0 * cooling^t
//   q = p_t + step * xi_t,  xi_t ~ N(0, I)             (a Gaussian proposal)
//   p_{t+1} = q  if f(q) <= f(p_t), or with probability exp(-(f(q) - f(p_t)) / T_t);
//             p_t otherwise
// Derivative-free: it reads f only (gradient noise does not touch it; a minibatch's value does).
// Uphill moves are taken often while T is high, hardly ever once it has cooled. The draws come from
// (seed, t) alone (Optimizer::set_seed); the test u < exp(-Δ/T) is made as log u < -Δ/T with
// portable_log, so no libm exp decides a move. The last proposal is shown as a small dot.
class Annealing final : public Optimizer {
 public:
  Annealing();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Annealing>(*this); }
  void set_seed(std::uint64_t seed) override { seed_ = seed; }
  std::vector<Companion> companions() const override;
  // T, the proposal and the Metropolis test, with the very draws the step will make.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;
  double temperature() const { return temperature_; }  // T_t of the next step

 private:
  std::uint64_t seed_ = 0, steps_ = 0;
  double temperature_ = 0.0;
  bool proposed_ = false;
  glm::dvec2 proposal_{0.0};
};

}  // namespace losscape
