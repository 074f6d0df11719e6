#include "engine/core/stochastic_cost.hpp"

#include "engine/core/random.hpp"

#include <algorithm>
#include <sstream>
#include <string>
#include <unordered_set>

namespace losscape {
namespace {

// Which stream of a ball a draw comes from: one purpose each, so adding minibatches to a scene
// leaves its gradient noise as it was, and an optimizer's own draws apart from both.
enum Purpose : std::uint64_t { kGradientNoise = 1, kMinibatch = 2, kOptimizer = 3 };

// `count` distinct indices below n, ascending: Floyd's algorithm (Bentley & Floyd 1987), which
// draws exactly `count` numbers whatever n is. Sorted, so the batch's sums run in one order.
std::vector<std::size_t> draw_batch(Random& random, std::size_t n, std::size_t count) {
  std::unordered_set<std::size_t> chosen;
  std::vector<std::size_t> out;
  out.reserve(count);
  for (std::size_t j = n - count; j < n; ++j) {
    const std::size_t t = random.below(j + 1);
    const std::size_t pick = chosen.count(t) ? j : t;
    chosen.insert(pick);
    out.push_back(pick);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Status check_gradient_noise(const GradientNoise& noise, const CostFunction& cost) {
  if (!(noise.sigma >= 0.0 && noise.sigma <= kMaxNoiseSigma)) {  // NaN too
    std::ostringstream message;
    message << "noise sigma: must be 0 to " << kMaxNoiseSigma << ", got " << noise.sigma;
    return Error{message.str()};
  }
  if (noise.seed > kMaxSeed) return Error{"invalid seed: must be 0 to 2^53 (9007199254740992)"};
  if (!noise.batch_size) return {};
  const auto* sampled = dynamic_cast<const SampledCost*>(&cost);
  if (!sampled) {
    return Error{"batch_size: needs a data-backed cost (mse:FILE.csv); " + cost.title() +
                 " has no samples to draw from"};
  }
  const std::size_t n = sampled->sample_count();
  if (*noise.batch_size < 1 || *noise.batch_size > n) {
    return Error{"batch_size: must be 1 to " + std::to_string(n) + " (the samples in " + cost.title() + "), got " +
                 std::to_string(*noise.batch_size)};
  }
  return {};
}

std::uint64_t optimizer_seed(std::uint64_t seed, std::uint64_t stream) {
  return Random::for_key(seed, kOptimizer, stream).next();
}

StochasticCost::StochasticCost(const CostFunction& base, const GradientNoise& noise, std::uint64_t stream,
                               std::uint64_t step)
    : base_(base) {
  if (noise.batch_size) {
    const auto* sampled = dynamic_cast<const SampledCost*>(&base);
    // All the samples: the full f itself, to the last bit (its own formula, not a sum in another order).
    if (sampled && *noise.batch_size < sampled->sample_count()) {
      Random random = Random::for_key(Random::for_key(noise.seed, kMinibatch, stream).next(), step);
      batch_ = draw_batch(random, sampled->sample_count(), *noise.batch_size);
      sampled_ = sampled;
    }
  }
  if (noise.sigma > 0.0) {
    Random random = Random::for_key(Random::for_key(noise.seed, kGradientNoise, stream).next(), step);
    noise_ = noise.sigma * random.gaussian2();
  }
}

double StochasticCost::value(glm::dvec2 p) const {
  return sampled_ ? sampled_->batch_value(batch_, p) : base_.value(p);
}

glm::dvec2 StochasticCost::gradient(glm::dvec2 p) const {
  const glm::dvec2 g = sampled_ ? sampled_->batch_gradient(batch_, p) : base_.gradient(p);
  return noise_ == glm::dvec2(0.0) ? g : g + noise_;
}

}  // namespace losscape
