#include "engine/core/optimizers/lbfgs.hpp"

#include "engine/core/optimizers/line_search.hpp"

#include <cmath>

namespace losscape {
namespace {

using torch_vector::abs_max;
using torch_vector::add;
using torch_vector::dot;
using torch_vector::py_min;

enum { kLr, kMaxIter, kMaxEval, kToleranceGrad, kToleranceChange, kHistorySize, kStrongWolfe };

}  // namespace

Lbfgs::Lbfgs() : Optimizer("lbfgs", "L-BFGS") { init_parameters(); }

const std::vector<ParameterSpec>& Lbfgs::parameter_table() const {
  static const std::vector<ParameterSpec> table = {
      {"lr", 1.0, 0.0, 10.0, true, true, "learning rate: the step along the quasi-Newton direction (1 = full)"},
      {"max_iter", 20.0, 1.0, 1000.0, false, true, "most quasi-Newton iterations in one ball step", true},
      {"max_eval", 0.0, 0.0, 10000.0, false, false,
       "most evaluations of f in one ball step; 0: max_iter * 5 / 4 (torch's None)", true},
      {"tolerance_grad", 1e-7, 0.0, 1.0, false, true, "a step ends when max |gradient| is at most this"},
      {"tolerance_change", 1e-9, 0.0, 1.0, false, true, "a step ends when p or f changes by less than this"},
      {"history_size", 100.0, 1.0, 1000.0, false, true, "how many past (step, gradient change) pairs shape H", true},
      boolean_parameter("strong_wolfe", "1: a line search for the step length (line_search_fn='strong_wolfe'); "
                                        "0: steps of lr (None)"),
  };
  return table;
}

void Lbfgs::reset() {
  func_evals_ = n_iter_ = 0;
  d_ = prev_flat_grad_ = glm::dvec2(0.0);
  t_ = 0.0;
  h_diag_ = 1.0;
  prev_loss_ = 0.0;
  old_dirs_.clear();
  old_stps_.clear();
  ro_.clear();
  al_.clear();
  evaluations_.clear();
  last_step_ = glm::dvec2(0.0);
}

glm::dvec2 Lbfgs::step(const CostFunction& cost, glm::dvec2 position) {
  const double lr = value_at(kLr), tolerance_grad = value_at(kToleranceGrad);
  const double tolerance_change = value_at(kToleranceChange);
  const auto max_iter = static_cast<std::size_t>(value_at(kMaxIter));
  const auto max_eval = value_at(kMaxEval) > 0.0 ? static_cast<std::size_t>(value_at(kMaxEval)) : max_iter * 5 / 4;
  const auto history_size = static_cast<std::size_t>(value_at(kHistorySize));
  const bool line_search = value_at(kStrongWolfe) != 0.0;

  evaluations_.clear();
  glm::dvec2 p = position;
  const auto closure = [&](glm::dvec2 at) {
    evaluations_.push_back(at);
    return Evaluation{cost.value(at), cost.gradient(at)};
  };

  Evaluation first = closure(p);
  double loss = first.f;
  glm::dvec2 flat_grad = first.g;
  std::size_t current_evals = 1;
  func_evals_ += 1;
  bool opt_cond = abs_max(flat_grad) <= tolerance_grad;
  if (opt_cond) {
    last_step_ = glm::dvec2(0.0);
    return p;
  }

  std::size_t n_iter = 0;
  while (n_iter < max_iter) {
    n_iter += 1;
    n_iter_ += 1;
    if (n_iter_ == 1) {
      d_ = -flat_grad;
      old_dirs_.clear();
      old_stps_.clear();
      ro_.clear();
      h_diag_ = 1.0;
    } else {
      const glm::dvec2 y = flat_grad - prev_flat_grad_;
      const glm::dvec2 s = d_ * t_;
      const double ys = dot(y, s);
      if (ys > 1e-10) {
        if (old_dirs_.size() == history_size) {
          old_dirs_.pop_front();
          old_stps_.pop_front();
          ro_.pop_front();
        }
        old_dirs_.push_back(y);
        old_stps_.push_back(s);
        ro_.push_back(1.0 / ys);
        h_diag_ = ys / dot(y, y);
      }
      // The two-loop recursion: d = -H g.
      const std::size_t num_old = old_dirs_.size();
      al_.resize(history_size);
      glm::dvec2 q = -flat_grad;
      for (std::size_t i = num_old; i-- > 0;) {
        al_[i] = dot(old_stps_[i], q) * ro_[i];
        q = add(q, old_dirs_[i], -al_[i]);
      }
      glm::dvec2 r = q * h_diag_;
      for (std::size_t i = 0; i < num_old; ++i) {
        const double be_i = dot(old_dirs_[i], r) * ro_[i];
        r = add(r, old_stps_[i], al_[i] - be_i);
      }
      d_ = r;
    }
    prev_flat_grad_ = flat_grad;
    const double prev_loss = loss;
    prev_loss_ = prev_loss;
    if (n_iter_ == 1) {
      const double inverse_sum = 1.0 / (std::abs(flat_grad.x) + std::abs(flat_grad.y));
      t_ = py_min(1.0, inverse_sum) * lr;
    } else {
      t_ = lr;
    }
    const double gtd = dot(flat_grad, d_);
    if (gtd > -tolerance_change) break;  // not a descent direction

    std::size_t ls_func_evals = 0;
    if (line_search) {
      const glm::dvec2 x_init = p;
      const LineObjective obj_func = [&](double t, glm::dvec2 d) { return closure(add(x_init, d, t)); };
      const LineSearchResult found = strong_wolfe(obj_func, t_, d_, loss, flat_grad, gtd, tolerance_change);
      loss = found.f;
      flat_grad = found.g;
      t_ = found.t;
      ls_func_evals = found.evals;
      p = add(p, d_, t_);
      opt_cond = abs_max(flat_grad) <= tolerance_grad;
    } else {
      p = add(p, d_, t_);
      if (n_iter != max_iter) {
        const Evaluation e = closure(p);
        loss = e.f;
        flat_grad = e.g;
        opt_cond = abs_max(flat_grad) <= tolerance_grad;
        ls_func_evals = 1;
      }
    }
    current_evals += ls_func_evals;
    func_evals_ += ls_func_evals;

    if (n_iter == max_iter) break;
    if (current_evals >= max_eval) break;
    if (opt_cond) break;
    if (abs_max(d_ * t_) <= tolerance_change) break;
    if (std::abs(loss - prev_loss) < tolerance_change) break;
  }
  last_step_ = p - position;
  return p;
}

StepExplanation Lbfgs::explain(const CostFunction& cost, glm::dvec2 position) const {
  Lbfgs copy(*this);
  const glm::dvec2 to = copy.step(cost, position), g = cost.gradient(position);
  StepExplanation out = explanation_opening(position, g, to);
  const auto count = [](std::size_t n) { return glm::dvec2(static_cast<double>(n)); };
  out.lines.push_back({"iterations (at most max_iter)", count(copy.n_iter_ - n_iter_), true});
  out.lines.push_back({"evaluations of f and g (at most max_eval)", count(copy.evaluations_.size()), true});
  // No iteration (max |g| <= tolerance_grad at p): the direction and step length are old ones.
  if (copy.n_iter_ != n_iter_) {
    out.lines.push_back({"H0 = y.s / y.y  (the last pair's scaling)", glm::dvec2(copy.h_diag_), true});
    out.lines.push_back({"d = -H g  (the last iteration's direction)", copy.d_});
    out.lines.push_back({"t  (the last iteration's step length)", glm::dvec2(copy.t_), true});
    out.arrows.push_back({"d (last)", copy.d_, TermRole::scaled, TermUnits::position});
  }
  out.lines.push_back({"p_new = p + t d, iterated", out.to});
  out.arrows.push_back({"step", out.to - position, TermRole::step, TermUnits::position});
  return out;
}

}  // namespace losscape
