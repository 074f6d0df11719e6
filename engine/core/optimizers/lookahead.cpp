#include "engine/core/optimizers/lookahead.hpp"

namespace losscape {
namespace {
enum { kAlpha, kK };

std::vector<ParameterSpec> own_table() {
  return {
      {"lookahead_alpha", 0.5, 0.0, 1.0, true, false,
       "slow weights' step toward the fast ones at a sync: phi += alpha (theta - phi) (the paper's alpha)"},
      {"lookahead_k", 5.0, 1.0, 1000.0, false, false, "inner steps between syncs of the slow weights (the paper's k)",
       true},
  };
}
}  // namespace

Lookahead::Lookahead(std::string name, std::unique_ptr<Optimizer> inner)
    : WrapperOptimizer(std::move(name), "Lookahead", std::move(inner), own_table()) {}

void Lookahead::reset_own() {
  started_ = false;
  slow_ = glm::dvec2(0.0);
  inner_steps_ = 0.0;
}

glm::dvec2 Lookahead::step(const CostFunction& cost, glm::dvec2 position) {
  if (!started_) {
    slow_ = position;  // phi_0 = theta_0
    started_ = true;
  }
  glm::dvec2 fast = synced_inner().step(cost, position);
  inner_steps_ += 1.0;
  if (inner_steps_ >= value_at(kK)) {
    const double alpha = value_at(kAlpha);
    slow_ = alpha * fast + (1.0 - alpha) * slow_;
    fast = slow_;
    inner_steps_ = 0.0;
  }
  return fast;
}

std::vector<Optimizer::Companion> Lookahead::own_companions() const {
  if (!started_) return {};
  return {{Companion::Kind::slow, slow_}};
}

}  // namespace losscape
