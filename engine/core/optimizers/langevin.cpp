#include "engine/core/optimizers/langevin.hpp"

#include "engine/core/random.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kLr, kTemperature };
}

Sgld::Sgld() : Optimizer("sgld", "Langevin dynamics (SGLD)") { init_parameters(); }

const std::vector<ParameterSpec>& Sgld::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 0.01, 0.0, 10.0, true, true, "learning rate: the drift is lr times the negative gradient"},
      {"temperature", 0.1, 0.0, 100.0, false, true,
       "T: each step adds sqrt(2 lr T) N(0, I); the ball samples exp(-f / T) (0: gradient descent)"},
  };
  return table;
}

glm::dvec2 Sgld::step(const CostFunction& cost, glm::dvec2 p) {
  const double lr = value_at(kLr), temperature = value_at(kTemperature);
  const glm::dvec2 xi = Random::for_key(seed_, steps_++).gaussian2();
  return p - lr * cost.gradient(p) + std::sqrt(2.0 * lr * temperature) * xi;
}

StepExplanation Sgld::explain(const CostFunction& cost, glm::dvec2 p) const {
  Sgld copy(*this);
  const glm::dvec2 to = copy.step(cost, p), g = cost.gradient(p);
  StepExplanation out = explanation_opening(p, g, to);
  out.t = static_cast<double>(steps_ + 1);
  const double lr = value_at(kLr), scale = std::sqrt(2.0 * lr * value_at(kTemperature));
  const glm::dvec2 xi = Random::for_key(seed_, steps_).gaussian2();  // the step's own draw
  out.lines.insert(out.lines.end(), {{"xi ~ N(0, I)  (this step's draw)", xi},
                                     {"sqrt(2 lr temperature)", glm::dvec2(scale), true},
                                     {"drift = -lr g", -lr * g},
                                     {"noise = sqrt(2 lr temperature) xi", scale * xi}});
  out.arrows.push_back({"-lr g", -lr * g, TermRole::scaled, TermUnits::position});
  out.arrows.push_back({"noise", scale * xi, TermRole::momentum, TermUnits::position});
  close_explanation(out, "p_new = p + drift + noise");
  return out;
}

}  // namespace losscape
