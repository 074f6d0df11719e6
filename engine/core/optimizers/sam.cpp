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

glm::dvec2 Sam::ascent_offset(const CostFunction& cost, glm::dvec2 position) const {
  // The loss the inner method lowers: f, or -f where it maximises (torch's maximize).
  const glm::dvec2 g = inner_maximizes() ? -cost.gradient(position) : cost.gradient(position);
  // ASAM's T_w = |w| per coordinate; SAM's is the identity.
  const glm::dvec2 t = value_at(kAdaptive) != 0.0 ? glm::abs(position) : glm::dvec2(1.0);
  const glm::dvec2 tg = t * g;
  const double norm = std::sqrt(tg.x * tg.x + tg.y * tg.y);
  return norm > 0.0 ? value_at(kRho) * (t * tg) / norm : glm::dvec2(0.0);
}

glm::dvec2 Sam::step(const CostFunction& cost, glm::dvec2 position) {
  const glm::dvec2 e = ascent_offset(cost, position);
  ascent_ = position + e;
  stepped_ = true;
  return synced_inner().step(ShiftedCost(cost, e), position);
}

StepExplanation Sam::explain(const CostFunction& cost, glm::dvec2 position) const {
  const glm::dvec2 e = ascent_offset(cost, position);
  Sam copy(*this);
  StepExplanation inner = copy.synced_inner().explain(ShiftedCost(cost, e), position);
  // The inner method's g is the gradient at the ascent point: say so in its lines and arrows.
  for (ExplainedLine& line : inner.lines) {
    if (const auto at = line.equation.find("grad f(p)"); at != std::string::npos) {
      line.equation.replace(at, 9, "grad f(p + e)");
    }
  }
  for (TermArrow& arrow : inner.arrows) {
    if (arrow.name == "-g") arrow.name = "-g(p + e)";
  }
  const glm::dvec2 g = inner_maximizes() ? -cost.gradient(position) : cost.gradient(position);
  StepExplanation out = inner;
  out.full = true;
  const bool adaptive = value_at(kAdaptive) != 0.0;
  out.lines = {{inner_maximizes() ? "g = -grad f(p)  (maximize)" : "g = grad f(p)", g},
               {adaptive ? "e = rho |p|^2 g / || |p| g ||  (ASAM)" : "e = rho g / ||g||", e},
               {"p + e  (the ascent point)", position + e}};
  out.lines.insert(out.lines.end(), inner.lines.begin(), inner.lines.end());
  out.arrows = {{"-g", -g, TermRole::gradient, TermUnits::gradient}, {"e", e, TermRole::scaled, TermUnits::position}};
  out.arrows.insert(out.arrows.end(), inner.arrows.begin(), inner.arrows.end());
  return out;
}

std::vector<Optimizer::Companion> Sam::own_companions() const {
  if (!stepped_) return {};
  return {{Companion::Kind::ascent, ascent_}};
}

}  // namespace losscape
