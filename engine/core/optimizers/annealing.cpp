#include "engine/core/optimizers/annealing.hpp"

#include "engine/core/random.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kT0, kCooling, kStep };
}

Annealing::Annealing() : Optimizer("anneal", "Simulated annealing") {
  init_parameters();
  reset();
}

const std::vector<ParameterSpec>& Annealing::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"t0", 1.0, 0.0, 1e6, true, true, "initial temperature T_0: an uphill move by d is taken with prob. exp(-d/T)"},
      {"cooling", 0.99, 0.0, 1.0, true, false, "geometric schedule: T_t = t0 * cooling^t (1: constant temperature)"},
      {"step", 0.1, 0.0, 100.0, true, true, "proposal scale: each proposal is p + step * N(0, I)"},
  };
  return table;
}

void Annealing::reset() {
  steps_ = 0;
  temperature_ = value_at(kT0);
  proposed_ = false;
}

glm::dvec2 Annealing::step(const CostFunction& cost, glm::dvec2 p) {
  if (steps_ == 0) temperature_ = value_at(kT0);  // t0 may have been set since reset()
  Random random = Random::for_key(seed_, steps_++);
  proposal_ = p + value_at(kStep) * random.gaussian2();
  proposed_ = true;
  const double temperature = temperature_;
  // T_t by repeated multiplication rather than std::pow: the same bits everywhere.
  temperature_ *= value_at(kCooling);
  const double rise = cost.value(proposal_) - cost.value(p);
  if (!std::isfinite(rise)) return p;  // f undefined there: never moved to
  if (rise <= 0.0) return proposal_;
  const double u = 1.0 - random.uniform();  // (0, 1]: its logarithm is finite
  return portable_log(u) < -rise / temperature ? proposal_ : p;
}

std::vector<Optimizer::Companion> Annealing::companions() const {
  if (!proposed_) return {};
  return {{Companion::Kind::evaluated, proposal_}};
}

}  // namespace losscape
