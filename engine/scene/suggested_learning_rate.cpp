#include "engine/scene/suggested_learning_rate.hpp"

#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/wrapper.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace losscape {
namespace {

// The largest |eigenvalue| of a symmetric 2x2 matrix (the Hessian's two mixed entries agree up
// to rounding: their mean is used).
double largest_curvature(const glm::dmat2& h) {
  const double a = h[0][0], d = h[1][1], b = 0.5 * (h[0][1] + h[1][0]);
  const double mean = 0.5 * (a + d), radius = std::sqrt(0.25 * (a - d) * (a - d) + b * b);
  return std::max(std::abs(mean + radius), std::abs(mean - radius));
}

// The largest of 1, 2, 5 x 10^k not above x.
double round_down_to_nice(double x) {
  const double power = std::pow(10.0, std::floor(std::log10(x)));
  for (double m : {5.0, 2.0, 1.0}) {
    if (m * power <= x * (1.0 + 1e-12)) return m * power;
  }
  return power;
}

}  // namespace

bool learning_rate_scales_gradient(const std::string& optimizer) {
  if (optimizer.find(':') != std::string::npos || is_wrapper_name(optimizer)) {
    // Lookahead's and SAM's lr is their inner method's: sam:gd steps as gradient descent does.
    const auto made = make_optimizer(optimizer);
    const auto* wrapper = dynamic_cast<const WrapperOptimizer*>(made.get());
    return wrapper && learning_rate_scales_gradient(wrapper->inner().name());
  }
  return optimizer == "gd" || optimizer == "momentum" || optimizer == "nesterov";
}

double curvature_learning_rate(const CostFunction& cost, glm::dvec2 start) {
  std::vector<glm::dvec2> points = {start};
  for (const KnownMinimum& m : cost.known_minima()) points.push_back(m.position);
  double curvature = 0.0;
  for (glm::dvec2 p : points) {
    const double c = largest_curvature(cost.hessian(p));
    if (std::isfinite(c)) curvature = std::max(curvature, c);
  }
  if (!(curvature > 0.0)) return std::numeric_limits<double>::infinity();
  return round_down_to_nice(1.5 / curvature);
}

double suggest_learning_rate(OptimizerSpec& optimizer, const CostFunction& cost, glm::dvec2 start) {
  if (!learning_rate_scales_gradient(optimizer.name)) return 0.0;
  for (const auto& [key, value] : optimizer.parameters) {
    if (key == "lr") return 0.0;  // the scene's own choice stands, diverging or not
  }
  const auto probe = make_optimizer(optimizer.name);
  if (!probe) return 0.0;
  const double default_lr = probe->parameter("lr");
  const double suggested = curvature_learning_rate(cost, start);
  if (!(suggested < default_lr)) return 0.0;
  optimizer.parameters.emplace_back("lr", suggested);
  return suggested;
}

void forget_learning_rates(Scene& scene) {
  auto forget = [](OptimizerSpec& optimizer) {
    if (!learning_rate_scales_gradient(optimizer.name)) return;
    auto& p = optimizer.parameters;
    p.erase(std::remove_if(p.begin(), p.end(), [](const auto& entry) { return entry.first == "lr"; }), p.end());
  };
  for (BallSpec& ball : scene.balls) forget(ball.optimizer);
  if (scene.swarm && scene.swarm->optimizer) forget(*scene.swarm->optimizer);
}

}  // namespace losscape
