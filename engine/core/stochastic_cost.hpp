#pragma once
// Stochastic gradients a lecture controls: isotropic Gaussian noise on the gradient, and real
// minibatches of a data-backed cost. The optimizer is handed a StochasticCost over the true f for
// one step of one ball; the step rules still judge the ball on the true f (a noisy ball converges
// only where the true gradient vanishes, and its recorded gradient is the true one).
#include "engine/core/cost_function.hpp"
#include "engine/core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace losscape {

// A cost that is a mean over samples (the line-fit MSE: one term per data point), so a step can
// see a minibatch of them.
class SampledCost {
 public:
  virtual ~SampledCost() = default;
  virtual std::size_t sample_count() const = 0;
  // The mean over the samples `indices` (distinct, each below sample_count()), and its gradient.
  virtual double batch_value(const std::vector<std::size_t>& indices, glm::dvec2 p) const = 0;
  virtual glm::dvec2 batch_gradient(const std::vector<std::size_t>& indices, glm::dvec2 p) const = 0;

 protected:
  SampledCost() = default;
  SampledCost(const SampledCost&) = default;
  SampledCost& operator=(const SampledCost&) = default;
};

// The randomness of a run's steps (a scene's "noise", --noise, --batch-size, --seed).
struct GradientNoise {
  double sigma = 0.0;  // every gradient the optimizer sees gets + sigma * N(0, I)
  // Samples drawn (without replacement) each step from a data-backed cost; none: all of them.
  std::optional<std::size_t> batch_size;
  // Seeds the noise, the minibatches, and the methods that draw random numbers themselves (sgld,
  // anneal); each ball gets its own streams from it and its index.
  std::uint64_t seed = 1;
  // Noise or minibatches change what the optimizer sees; the seed alone does not.
  bool active() const { return sigma > 0.0 || batch_size.has_value(); }
  bool operator==(const GradientNoise&) const = default;
};

// The largest sigma files, the command line and the panel take: noise a million times a gradient
// is no lesson, and a bound keeps every value a file can save readable back.
inline constexpr double kMaxNoiseSigma = 1e6;
// The largest seed files and the command line take: 2^53, so a seed survives a JSON number.
inline constexpr std::uint64_t kMaxSeed = std::uint64_t{1} << 53;

// Whether `noise` fits `cost`: sigma 0 to kMaxNoiseSigma; a batch size 1 to the sample count, and only
// for a data-backed cost. One line naming the problem; a batch size's starts "batch_size: ".
Status check_gradient_noise(const GradientNoise& noise, const CostFunction& cost);

// The seed of the random numbers an optimizer draws itself (Optimizer::set_seed) for ball
// `stream` of a run seeded with `seed`: its own stream, apart from the gradient noise's.
std::uint64_t optimizer_seed(std::uint64_t seed, std::uint64_t stream);

// f as ball `stream` sees it at its step `step`: the minibatch (if any) drawn for that step, and
// the gradient plus sigma times a standard normal 2-vector drawn for that step. Both come from
// (seed, stream, step) alone, so a ball's noise does not depend on the other balls, the frame
// rate, or how often the preview looks ahead. Within the step the noise is one fixed vector, so a
// method that evaluates several points (L-BFGS) sees one consistent gradient field. The value is
// the minibatch's (else f's): gradient noise leaves it alone. The Hessian is f's.
class StochasticCost final : public CostFunction {
 public:
  StochasticCost(const CostFunction& base, const GradientNoise& noise, std::uint64_t stream, std::uint64_t step);

  double value(glm::dvec2 p) const override;
  glm::dvec2 gradient(glm::dvec2 p) const override;
  glm::dmat2 hessian(glm::dvec2 p) const override { return base_.hessian(p); }

  const std::string& name() const override { return base_.name(); }
  const std::string& title() const override { return base_.title(); }
  const std::string& formula() const override { return base_.formula(); }
  Domain domain() const override { return base_.domain(); }
  std::vector<KnownMinimum> known_minima() const override { return base_.known_minima(); }
  HeightTransform height_transform() const override { return base_.height_transform(); }

  // This step's draws: the minibatch's sample indices, ascending (empty: all), and the noise.
  const std::vector<std::size_t>& batch() const { return batch_; }
  glm::dvec2 noise() const { return noise_; }

 private:
  const CostFunction& base_;
  const SampledCost* sampled_ = nullptr;  // set when a minibatch is drawn
  std::vector<std::size_t> batch_;
  glm::dvec2 noise_{0.0};
};

}  // namespace losscape
