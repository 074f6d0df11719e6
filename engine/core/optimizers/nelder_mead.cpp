#include "engine/core/optimizers/nelder_mead.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losscape {
namespace {

enum { kSimplexSize, kReflection, kExpansion, kContraction, kShrink };

// f, with NaN and infinities as +infinity, so that ordering the vertices stays well defined.
double value(const CostFunction& cost, glm::dvec2 x) {
  const double f = cost.value(x);
  return std::isfinite(f) ? f : std::numeric_limits<double>::infinity();
}

}  // namespace

NelderMead::NelderMead() : Optimizer("neldermead", "Nelder-Mead") { init_parameters(); }

const std::vector<ParameterSpec>& NelderMead::parameter_table() const {
  // Lagarias et al. require rho > 0, chi > 1, chi > rho, 0 < gamma < 1, 0 < sigma < 1; with rho at
  // most 1 and chi above 1 every setting the sliders allow meets them.
  static const std::vector<ParameterSpec> table = {
      {"simplex_size", 0.05, 0.0, 1.0, true, true, "the first simplex's legs, as a fraction of the domain's sides"},
      {"reflection", 1.0, 0.0, 1.0, true, false, "rho: how far the worst vertex is reflected through the others"},
      {"expansion", 2.0, 1.0, 10.0, true, false, "chi: how much further an expansion goes than a reflection"},
      {"contraction", 0.5, 0.0, 1.0, true, false, "gamma: how far a contraction goes, as a share of a reflection"},
      {"shrink", 0.5, 0.0, 1.0, true, false, "sigma: how much a shrink keeps of each vertex's distance to the best"},
  };
  return table;
}

void NelderMead::reset() {
  has_simplex_ = false;
  last_move_ = "";
  last_step_ = glm::dvec2(0.0);
}

std::vector<Optimizer::Companion> NelderMead::companions() const {
  std::vector<Companion> out;
  if (!has_simplex_) return out;
  for (const Vertex& v : simplex_) out.push_back({Companion::Kind::simplex_vertex, v.x});
  return out;
}

glm::dvec2 NelderMead::step(const CostFunction& cost, glm::dvec2 position) {
  last_step_ = glm::dvec2(0.0);
  if (!has_simplex_ || simplex_[0].x != position) {
    const Domain domain = cost.domain();
    const double size = value_at(kSimplexSize);
    const glm::dvec2 x2 = position + glm::dvec2(size * domain.width(), 0.0);
    const glm::dvec2 x3 = position + glm::dvec2(0.0, size * domain.height());
    simplex_ = {Vertex{position, value(cost, position)}, Vertex{x2, value(cost, x2)}, Vertex{x3, value(cost, x3)}};
    // Lagarias et al.'s ordering of the first simplex: by f, ties kept in the order made.
    std::stable_sort(simplex_.begin(), simplex_.end(), [](const Vertex& a, const Vertex& b) { return a.f < b.f; });
    has_simplex_ = true;
  }
  const double rho = value_at(kReflection), chi = value_at(kExpansion);
  const double gamma = value_at(kContraction), sigma = value_at(kShrink);
  const Vertex &x1 = simplex_[0], &x2 = simplex_[1], &x3 = simplex_[2];
  const glm::dvec2 xbar = (x1.x + x2.x) / 2.0;
  taken_.simplex = simplex_;
  taken_.xbar = xbar;
  const auto at = [&](double coefficient) {  // xbar + coefficient (xbar - x3)
    const glm::dvec2 x = xbar + coefficient * (xbar - x3.x);
    return Vertex{x, value(cost, x)};
  };

  const Vertex reflected = at(rho);
  bool shrink = false;
  Vertex accepted = reflected;
  if (reflected.f < x1.f) {
    const Vertex expanded = at(rho * chi);
    last_move_ = expanded.f < reflected.f ? "expand" : "reflect";
    if (expanded.f < reflected.f) accepted = expanded;
  } else if (reflected.f < x2.f) {
    last_move_ = "reflect";
  } else if (reflected.f < x3.f) {
    accepted = at(gamma * rho);
    last_move_ = "contract outside";
    shrink = !(accepted.f <= reflected.f);
  } else {
    accepted = at(-gamma);
    last_move_ = "contract inside";
    shrink = !(accepted.f < x3.f);
  }

  taken_.trial = accepted;
  if (shrink) {
    last_move_ = "shrink";
    for (std::size_t i = 1; i < 3; ++i) {
      const glm::dvec2 x = simplex_[0].x + sigma * (simplex_[i].x - simplex_[0].x);
      simplex_[i] = {x, value(cost, x)};
    }
    // After a shrink, ties keep the old order (x1 first among equals).
    std::stable_sort(simplex_.begin(), simplex_.end(), [](const Vertex& a, const Vertex& b) { return a.f < b.f; });
  } else {
    // The new vertex replaces x3 and goes after every vertex as good as it (Lagarias et al.).
    std::size_t slot = 0;
    while (slot < 2 && simplex_[slot].f <= accepted.f) ++slot;
    for (std::size_t i = 2; i > slot; --i) simplex_[i] = simplex_[i - 1];
    simplex_[slot] = accepted;
  }
  last_step_ = simplex_[0].x - position;
  return simplex_[0].x;
}

StepExplanation NelderMead::explain(const CostFunction& cost, glm::dvec2 position) const {
  NelderMead copy(*this);
  StepExplanation out = explanation_opening(position, copy.step(cost, position));
  const Taken& taken = copy.taken_;
  const auto& [x1, x2, x3] = taken.simplex;
  const std::string move = copy.last_move_;
  // The trial point's formula by the move (a shrink follows a contraction that was refused).
  const char* trial = move == "reflect"            ? "x_trial = xbar + rho (xbar - x3)  (reflect)"
                      : move == "expand"           ? "x_trial = xbar + rho chi (xbar - x3)  (expand)"
                      : move == "contract outside" ? "x_trial = xbar + gamma rho (xbar - x3)  (contract outside)"
                                                   : "x_trial = xbar - gamma (xbar - x3)  (contract inside)";
  if (move == "shrink") trial = "x_trial  (a contraction, refused: shrink toward x1)";
  out.lines = {{"x1  (best)", x1.x},
               {"f(x1)", glm::dvec2(x1.f), true},
               {"x2", x2.x},
               {"f(x2)", glm::dvec2(x2.f), true},
               {"x3  (worst)", x3.x},
               {"f(x3)", glm::dvec2(x3.f), true},
               {"xbar = (x1 + x2) / 2  (centroid)", taken.xbar},
               {trial, taken.trial.x},
               {"f(x_trial)", glm::dvec2(taken.trial.f), true}};
  // From the worst vertex, at their true lengths: where the move looks for a better point.
  out.arrows = {{"xbar - x3", taken.xbar - x3.x, TermRole::gradient, TermUnits::position, x3.x},
                {"x_trial - x3", taken.trial.x - x3.x, TermRole::scaled, TermUnits::position, x3.x}};
  close_explanation(out, "p_new = the best vertex after the " + move);
  return out;
}

}  // namespace losscape
