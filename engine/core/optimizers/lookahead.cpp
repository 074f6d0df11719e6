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

StepExplanation Lookahead::explain(const CostFunction& cost, glm::dvec2 position) const {
  Lookahead copy(*this), stepped(*this);
  StepExplanation out = copy.synced_inner().explain(cost, position);  // out.to: theta, the inner step's
  const glm::dvec2 phi = started_ ? slow_ : position;
  const glm::dvec2 to = stepped.step(cost, position);
  const bool sync = stepped.inner_steps_ == 0.0;
  out.full = true;
  out.lines.insert(out.lines.begin(), {{"phi  (the slow weights)", phi},
                                       {"inner step, of k between syncs", glm::dvec2(inner_steps_ + 1.0), true}});
  // The inner step's arrow last; on a sync step it is theta - p, and the step goes to phi.
  TermArrow inner_step = out.arrows.back();
  out.arrows.pop_back();
  if (sync) {
    for (ExplainedLine& line : out.lines) {
      if (line.equation.starts_with("p_new")) line.equation = "theta" + line.equation.substr(5);
    }
    out.lines.push_back({"phi = phi + alpha (theta - phi)  (sync)", stepped.slow_});
    out.lines.push_back({"p_new = phi  (the fast weights restart from the slow)", to});
    inner_step.name = "theta - p";
    out.arrows.push_back(inner_step);
    out.arrows.push_back({"phi_new - p", stepped.slow_ - position, TermRole::momentum, TermUnits::position});
  } else {
    out.arrows.push_back({"phi - p", phi - position, TermRole::momentum, TermUnits::position});
  }
  out.to = to;
  out.arrows.push_back({"step", to - position, TermRole::step, TermUnits::position});
  return out;
}

std::vector<Optimizer::Companion> Lookahead::own_companions() const {
  if (!started_) return {};
  return {{Companion::Kind::slow, slow_}};
}

}  // namespace losscape
