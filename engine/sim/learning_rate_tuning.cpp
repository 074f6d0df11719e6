#include "engine/sim/learning_rate_tuning.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losscape {

std::vector<double> tuning_rates(const Optimizer& optimizer, const TuningSettings& settings) {
  std::vector<double> rates;
  auto probe = optimizer.clone();
  const int per_decade = std::max(1, settings.rates_per_decade);
  const int first = static_cast<int>(std::ceil(std::log10(settings.lr_lo) * per_decade - 1e-9));
  const int last = static_cast<int>(std::floor(std::log10(settings.lr_hi) * per_decade + 1e-9));
  for (int k = first; k <= last; ++k) {
    const double lr = std::pow(10.0, static_cast<double>(k) / per_decade);
    if (probe->set_parameter("lr", lr)) rates.push_back(lr);
  }
  return rates;
}

std::optional<double> known_f_star(const CostFunction& cost) {
  std::optional<double> best;
  for (const KnownMinimum& m : cost.known_minima()) {
    if (m.global && (!best || m.value < *best)) best = m.value;
  }
  return best;
}

namespace {

// Is run a better than run b (b being the best so far)?
bool better(const TargetRun& a, const TargetRun& b) {
  const bool a_reached = a.outcome == StabilityOutcome::reached, b_reached = b.outcome == StabilityOutcome::reached;
  if (a_reached != b_reached) return a_reached;
  if (a_reached) return a.steps < b.steps;
  const bool a_diverged = a.outcome == StabilityOutcome::diverged, b_diverged = b.outcome == StabilityOutcome::diverged;
  if (a_diverged != b_diverged) return !a_diverged;
  return !a_diverged && a.final_f < b.final_f;
}

}  // namespace

TunedRun tune_learning_rate(const CostFunction& cost, const Optimizer& prototype, glm::dvec2 start, double f_star,
                            const TuningSettings& settings) {
  auto optimizer = prototype.clone();
  const double target = f_star + settings.eps * std::max(0.0, cost.value(start) - f_star);
  const std::vector<double> rates = tuning_rates(prototype, settings);
  if (rates.empty()) return {0.0, run_to_target(cost, *optimizer, start, target, settings.max_steps, settings.limits)};
  std::optional<TunedRun> best;
  for (const double lr : rates) {
    (void)optimizer->set_parameter("lr", lr);  // tuning_rates() kept only the accepted ones
    const TargetRun run = run_to_target(cost, *optimizer, start, target, settings.max_steps, settings.limits);
    if (!best || better(run, best->run)) best = TunedRun{lr, run};
  }
  return *best;
}

double lowest_f_reached(const CostFunction& cost, const Optimizer& prototype, glm::dvec2 start,
                        const TuningSettings& settings) {
  auto optimizer = prototype.clone();
  const double nowhere = -std::numeric_limits<double>::infinity();  // never reached: each runs to its end
  double lowest = cost.value(start);
  std::vector<double> rates = tuning_rates(prototype, settings);
  if (rates.empty()) rates.push_back(0.0);
  for (const double lr : rates) {
    if (lr > 0.0) (void)optimizer->set_parameter("lr", lr);
    const TargetRun run = run_to_target(cost, *optimizer, start, nowhere, settings.max_steps, settings.limits);
    if (run.outcome != StabilityOutcome::diverged) lowest = std::min(lowest, run.lowest_f);
  }
  return lowest;
}

}  // namespace losscape
