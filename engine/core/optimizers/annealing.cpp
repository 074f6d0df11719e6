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

StepExplanation Annealing::explain(const CostFunction& cost, glm::dvec2 p) const {
  Annealing copy(*this);
  StepExplanation out = explanation_opening(p, copy.step(cost, p));
  out.t = static_cast<double>(steps_ + 1);
  Random random = Random::for_key(seed_, steps_);  // the step's own draws, in its order
  const glm::dvec2 xi = random.gaussian2();
  const double temperature = steps_ == 0 ? value_at(kT0) : temperature_;
  const double rise = cost.value(copy.proposal_) - cost.value(p);
  out.lines = {{"T = t0 * cooling^t", glm::dvec2(temperature), true},
               {"xi ~ N(0, I)  (this step's draw)", xi},
               {"q = p + step * xi  (the proposal)", copy.proposal_},
               {"f(q) - f(p)", glm::dvec2(rise), true}};
  if (std::isfinite(rise) && rise > 0.0) {
    const double u = 1.0 - random.uniform();
    out.lines.push_back({"log u, u ~ U(0, 1]  (this step's draw)", glm::dvec2(portable_log(u)), true});
    out.lines.push_back({out.to == copy.proposal_ ? "-(f(q) - f(p)) / T  (log u is below: uphill, taken)"
                                                  : "-(f(q) - f(p)) / T  (log u is not below: stay)",
                         glm::dvec2(-rise / temperature), true});
  }
  out.arrows = {{"q - p", copy.proposal_ - p, TermRole::scaled, TermUnits::position}};
  const char* verdict = out.to == p ? "p_new = p  (q refused)" : "p_new = q  (accepted)";
  if (out.to == p && out.to == copy.proposal_) verdict = "p_new = q = p";
  close_explanation(out, verdict);
  return out;
}

std::vector<Optimizer::Companion> Annealing::companions() const {
  if (!proposed_) return {};
  return {{Companion::Kind::evaluated, proposal_}};
}

}  // namespace losscape
