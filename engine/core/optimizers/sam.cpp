#include "engine/core/optimizers/sam.hpp"

#include <cmath>

namespace losscape {
namespace {
enum { kRho, kAdaptive };

std::vector<ParameterSpec> own_table() {
  return {
      {"sam_rho", 0.05, 0.0, 10.0, false, false,
       "radius of the neighbourhood: the gradient is taken rho uphill of the ball (the paper's rho)"},
      boolean_parameter("sam_adaptive", "1: adaptive SAM (ASAM), the neighbourhood scaled by |w| per coordinate"),
  };
}

// f shifted by e: every evaluation the inner method makes is at p + e.
class ShiftedCost final : public CostFunction {
 public:
  ShiftedCost(const CostFunction& f, glm::dvec2 e) : f_(f), e_(e) {}
  double value(glm::dvec2 p) const override { return f_.value(p + e_); }
  glm::dvec2 gradient(glm::dvec2 p) const override { return f_.gradient(p + e_); }
  glm::dmat2 hessian(glm::dvec2 p) const override { return f_.hessian(p + e_); }
  const std::string& name() const override { return f_.name(); }
  const std::string& title() const override { return f_.title(); }
  const std::string& formula() const override { return f_.formula(); }
  Domain domain() const override { return f_.domain(); }

 private:
  const CostFunction& f_;
  glm::dvec2 e_;
};

}  // namespace

Sam::Sam(std::string name, std::unique_ptr<Optimizer> inner)
    : WrapperOptimizer(std::move(name), "SAM", std::move(inner), own_table()) {}

glm::dvec2 Sam::step(const CostFunction& cost, glm::dvec2 position) {
  // The loss the inner method lowers: f, or -f where it maximises (torch's maximize).
  const glm::dvec2 g = inner_maximizes() ? -cost.gradient(position) : cost.gradient(position);
  // ASAM's T_w = |w| per coordinate; SAM's is the identity.
  const glm::dvec2 t = value_at(kAdaptive) != 0.0 ? glm::abs(position) : glm::dvec2(1.0);
  const glm::dvec2 tg = t * g;
  const double norm = std::sqrt(tg.x * tg.x + tg.y * tg.y);
  const glm::dvec2 e = norm > 0.0 ? value_at(kRho) * (t * tg) / norm : glm::dvec2(0.0);
  ascent_ = position + e;
  stepped_ = true;
  return synced_inner().step(ShiftedCost(cost, e), position);
}

std::vector<Optimizer::Companion> Sam::own_companions() const {
  if (!stepped_) return {};
  return {{Companion::Kind::ascent, ascent_}};
}

}  // namespace losscape
