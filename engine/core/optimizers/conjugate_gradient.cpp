#include "engine/core/optimizers/conjugate_gradient.hpp"

#include "engine/core/optimizers/line_search.hpp"

#include <cmath>

namespace losscape {
namespace {

enum { kLr, kLineSearch, kRestart, kToleranceGrad };

// The strong-Wolfe curvature constant N&W (sec. 3.1) give for nonlinear conjugate gradient.
constexpr double kWolfeC2 = 0.1;

}  // namespace

ConjugateGradient::ConjugateGradient() : Optimizer("cg", "Conjugate gradient (PR+)") { init_parameters(); }

const std::vector<ParameterSpec>& ConjugateGradient::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 1.0, 0.0, 10.0, true, true, "scales each line search's first trial step (without one: the step is lr d)"},
      line_search_parameter(),
      {"restart", 2.0, 0.0, 1000.0, false, false, "d restarts as -g every this many steps (2 = n); 0: only when needed",
       true},
      {"tolerance_grad", 1e-7, 0.0, 1.0, false, true, "a step does nothing where max |gradient| is at most this"},
  };
  return table;
}

void ConjugateGradient::reset() {
  g_prev_ = d_prev_ = glm::dvec2(0.0);
  t_prev_ = 0.0;
  since_restart_ = 0;
  evaluated_.clear();
  last_step_ = glm::dvec2(0.0);
  still_steps_ = 0;
}

std::vector<Optimizer::Companion> ConjugateGradient::companions() const { return evaluated_companions(evaluated_); }

glm::dvec2 ConjugateGradient::step(const CostFunction& cost, glm::dvec2 position) {
  evaluated_.clear();
  still_steps_ = last_step_ == glm::dvec2(0.0) ? still_steps_ + 1 : 0;
  last_step_ = glm::dvec2(0.0);
  taken_ = {};
  const Evaluation here{cost.value(position), cost.gradient(position)};
  if (std::max(std::abs(here.g.x), std::abs(here.g.y)) <= value_at(kToleranceGrad)) return position;

  const auto restart_every = static_cast<std::size_t>(value_at(kRestart));
  const bool new_run = since_restart_ == 0;
  glm::dvec2 d = -here.g;
  taken_.searched = true;
  taken_.restart = new_run ? "a new run" : "the restart schedule";
  if (!new_run && (restart_every == 0 || since_restart_ < restart_every)) {
    const double beta = std::max(0.0, glm::dot(here.g, here.g - g_prev_) / glm::dot(g_prev_, g_prev_));
    taken_.has_beta = true;
    taken_.beta = beta;
    d = -here.g + beta * d_prev_;
    if (glm::dot(here.g, d) < 0.0) {
      ++since_restart_;
      taken_.restart = "";
    } else {
      d = -here.g;  // not a descent direction
      since_restart_ = 1;
      taken_.restart = "-g + beta d_prev was not downhill";
    }
  } else {
    since_restart_ = 1;
  }

  const auto kind = static_cast<LineSearchKind>(static_cast<int>(value_at(kLineSearch)));
  const double lr = value_at(kLr);
  double t = lr;
  if (new_run) {
    t = lr * std::min(1.0, 1.0 / (std::abs(here.g.x) + std::abs(here.g.y)));
  } else if (kind != LineSearchKind::none) {
    t = lr * t_prev_ * glm::dot(g_prev_, d_prev_) / glm::dot(here.g, d);
  }
  const LineSearchResult found = search_along(cost, position, d, here, t, kind, kWolfeC2, evaluated_);
  g_prev_ = here.g;
  d_prev_ = d;
  t_prev_ = found.t;
  if (found.t == 0.0) {  // Armijo found no decrease: stay, and start afresh from -g
    since_restart_ = 0;
    return position;
  }
  last_step_ = found.t * d;
  return position + last_step_;
}

StepExplanation ConjugateGradient::explain(const CostFunction& cost, glm::dvec2 position) const {
  ConjugateGradient copy(*this);
  const glm::dvec2 to = copy.step(cost, position), g = cost.gradient(position);
  StepExplanation out = explanation_opening(position, g, to);
  const Taken& taken = copy.taken_;
  if (!taken.searched) {
    out.lines.push_back(
        {"max |g| <= tolerance_grad: no step", glm::dvec2(std::max(std::abs(g.x), std::abs(g.y))), true});
  } else {
    const glm::dvec2 d = copy.d_prev_;  // the direction this step took
    if (taken.has_beta) {
      out.lines.push_back({"beta = max(0, g.(g - g_prev) / |g_prev|^2)  (PR+)", glm::dvec2(taken.beta), true});
    }
    if (*taken.restart == 0) {
      out.lines.push_back({"d = -g + beta d_prev", d});
      out.arrows.push_back({"beta d_prev", taken.beta * d_prev_, TermRole::momentum, TermUnits::gradient});
    } else {
      out.lines.push_back({std::string("d = -g  (restart: ") + taken.restart + ")", d});
    }
    out.lines.push_back({"t  (the line search's step length)", glm::dvec2(copy.t_prev_), true});
    out.arrows.push_back({"d", d, TermRole::scaled, TermUnits::gradient});
  }
  close_explanation(out, "p_new = p + t d");
  return out;
}

}  // namespace losscape
