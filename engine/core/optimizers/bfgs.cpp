#include "engine/core/optimizers/bfgs.hpp"

#include "engine/core/optimizers/line_search.hpp"

#include <cmath>

namespace losscape {
namespace {

enum { kLr, kLineSearch, kToleranceGrad };

// The strong-Wolfe curvature constant N&W (sec. 3.1) give for quasi-Newton methods.
constexpr double kWolfeC2 = 0.9;

}  // namespace

Bfgs::Bfgs() : Optimizer("bfgs", "BFGS") { init_parameters(); }

const std::vector<ParameterSpec>& Bfgs::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 1.0, 0.0, 10.0, true, true, "the first trial step along d = -H g (1 = the full quasi-Newton step)"},
      line_search_parameter(),
      {"tolerance_grad", 1e-7, 0.0, 1.0, false, true, "a step does nothing where max |gradient| is at most this"},
  };
  return table;
}

void Bfgs::reset() {
  h_ = glm::dmat2(1.0);
  first_step_ = true;
  evaluated_.clear();
  last_step_ = glm::dvec2(0.0);
  still_steps_ = 0;
}

std::vector<Optimizer::Companion> Bfgs::companions() const { return evaluated_companions(evaluated_); }

glm::dvec2 Bfgs::step(const CostFunction& cost, glm::dvec2 position) {
  evaluated_.clear();
  still_steps_ = last_step_ == glm::dvec2(0.0) ? still_steps_ + 1 : 0;
  last_step_ = glm::dvec2(0.0);
  taken_.searched = false;
  const Evaluation here{cost.value(position), cost.gradient(position)};
  if (torch_vector::abs_max(here.g) <= value_at(kToleranceGrad)) return position;

  glm::dvec2 d = -(h_ * here.g);
  if (!(glm::dot(here.g, d) < 0.0)) {  // H lost positive definiteness to rounding: start afresh
    h_ = glm::dmat2(1.0);
    d = -here.g;
  }
  double t = value_at(kLr);
  if (first_step_) t *= std::min(1.0, 1.0 / (std::abs(here.g.x) + std::abs(here.g.y)));
  first_step_ = false;
  const auto kind = static_cast<LineSearchKind>(static_cast<int>(value_at(kLineSearch)));
  const LineSearchResult found = search_along(cost, position, d, here, t, kind, kWolfeC2, evaluated_);
  taken_ = {true, h_, d, found.t};
  if (found.t == 0.0) return position;  // Armijo found no decrease: stay

  const glm::dvec2 s = found.t * d, y = found.g - here.g;
  const double ys = glm::dot(y, s);
  if (ys > 1e-10 * glm::length(y) * glm::length(s)) {
    const double rho = 1.0 / ys;
    const glm::dmat2 left = glm::dmat2(1.0) - rho * glm::outerProduct(s, y);  // I - rho s y'
    h_ = left * h_ * glm::transpose(left) + rho * glm::outerProduct(s, s);
  }
  last_step_ = s;
  return position + s;
}

StepExplanation Bfgs::explain(const CostFunction& cost, glm::dvec2 position) const {
  Bfgs copy(*this);
  const glm::dvec2 to = copy.step(cost, position), g = cost.gradient(position);
  StepExplanation out = explanation_opening(position, g, to);
  if (!copy.taken_.searched) {
    out.lines.push_back({"max |g| <= tolerance_grad: no step", glm::dvec2(torch_vector::abs_max(g)), true});
  } else {
    const Taken& taken = copy.taken_;
    const char* reset = taken.h == h_ ? "" : "  (reset to I: -H g was not downhill)";
    out.lines.push_back(
        {std::string("H = inverse Hessian estimate: (H_xx, H_xy)") + reset, {taken.h[0][0], taken.h[1][0]}});
    out.lines.push_back({"                              (H_yx, H_yy)", {taken.h[0][1], taken.h[1][1]}});
    out.lines.push_back({"d = -H g", taken.d});
    out.lines.push_back({"t  (the line search's step length)", glm::dvec2(taken.t), true});
    out.arrows.push_back({"d = -H g", taken.d, TermRole::scaled, TermUnits::position});
  }
  close_explanation(out, "p_new = p + t d");
  return out;
}

}  // namespace losscape
