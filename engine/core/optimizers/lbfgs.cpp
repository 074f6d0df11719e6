#include "engine/core/optimizers/lbfgs.hpp"

#include "engine/core/optimizers/torch_ops.hpp"

#include <cmath>

namespace losscape {
namespace {

enum { kLr, kMaxIter, kMaxEval, kToleranceGrad, kToleranceChange, kHistorySize, kStrongWolfe };

// torch.dot of two 2-vectors: a plain sum of products (checked bit for bit against torch 1.13:
// no fused multiply-add).
double dot(glm::dvec2 a, glm::dvec2 b) { return a.x * b.x + a.y * b.y; }
double abs_max(glm::dvec2 a) { return torch_ops::amax(std::abs(a.x), std::abs(a.y)); }
// tensor.add_(other, alpha=a), per coordinate.
glm::dvec2 add(glm::dvec2 self, glm::dvec2 other, double alpha) {
  return {torch_ops::add(self.x, other.x, alpha), torch_ops::add(self.y, other.y, alpha)};
}
// Python's max(a, b) and min(a, b): the first unless the second is larger (smaller).
double py_max(double a, double b) { return b > a ? b : a; }
double py_min(double a, double b) { return b < a ? b : a; }

// torch's _cubic_interpolate: the minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2),
// clamped to the bounds (by default [min(x1, x2), max(x1, x2)]).
double cubic_interpolate(double x1, double f1, double g1, double x2, double f2, double g2, const double* bounds) {
  const double xmin_bound = bounds ? bounds[0] : (x1 <= x2 ? x1 : x2);
  const double xmax_bound = bounds ? bounds[1] : (x1 <= x2 ? x2 : x1);
  const double d1 = g1 + g2 - 3.0 * (f1 - f2) / (x1 - x2);
  const double d2_square = d1 * d1 - g1 * g2;
  if (d2_square >= 0.0) {
    const double d2 = std::sqrt(d2_square);
    const double min_pos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2.0 * d2))
                                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2.0 * d2));
    return py_min(py_max(min_pos, xmin_bound), xmax_bound);
  }
  return (xmin_bound + xmax_bound) / 2.0;
}

struct Evaluation {
  double f;
  glm::dvec2 g;
};

struct LineSearchResult {
  double f;
  glm::dvec2 g;
  double t;
  std::size_t evals;
};

// torch's _strong_wolfe, with its defaults c1 = 1e-4, c2 = 0.9, max_ls = 25.
template <class Objective>
LineSearchResult strong_wolfe(const Objective& obj_func, double t, glm::dvec2 d, double f, glm::dvec2 g, double gtd,
                              double tolerance_change) {
  constexpr double c1 = 1e-4, c2 = 0.9;
  constexpr std::size_t max_ls = 25;
  const double d_norm = abs_max(d);
  Evaluation e = obj_func(t, d);
  double f_new = e.f;
  glm::dvec2 g_new = e.g;
  std::size_t ls_func_evals = 1;
  double gtd_new = dot(g_new, d);

  double t_prev = 0.0, f_prev = f, gtd_prev = gtd;
  glm::dvec2 g_prev = g;
  bool done = false;
  std::size_t ls_iter = 0;
  // f and the gradient at the next trial step t, as both loops of torch's _strong_wolfe write it.
  const auto evaluate_next = [&] {
    e = obj_func(t, d);
    f_new = e.f;
    g_new = e.g;
    ls_func_evals += 1;
    gtd_new = dot(g_new, d);
    ls_iter += 1;
  };
  // The bracket: one point when done at once, else two.
  double bracket[2] = {0.0, 0.0}, bracket_f[2] = {0.0, 0.0}, bracket_gtd[2] = {0.0, 0.0};
  glm::dvec2 bracket_g[2] = {glm::dvec2(0.0), glm::dvec2(0.0)};
  std::size_t bracket_size = 2;
  const auto bracket_two = [&] {
    bracket[0] = t_prev;
    bracket[1] = t;
    bracket_f[0] = f_prev;
    bracket_f[1] = f_new;
    bracket_g[0] = g_prev;
    bracket_g[1] = g_new;
    bracket_gtd[0] = gtd_prev;
    bracket_gtd[1] = gtd_new;
  };
  while (ls_iter < max_ls) {
    if (f_new > (f + c1 * t * gtd) || (ls_iter > 1 && f_new >= f_prev)) {
      bracket_two();
      break;
    }
    if (std::abs(gtd_new) <= -c2 * gtd) {
      bracket[0] = t;
      bracket_f[0] = f_new;
      bracket_g[0] = g_new;
      bracket_size = 1;
      done = true;
      break;
    }
    if (gtd_new >= 0.0) {
      bracket_two();
      break;
    }
    const double bounds[2] = {t + 0.01 * (t - t_prev), t * 10.0};
    const double tmp = t;
    t = cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, bounds);
    t_prev = tmp;
    f_prev = f_new;
    g_prev = g_new;
    gtd_prev = gtd_new;
    evaluate_next();
  }
  if (ls_iter == max_ls) {
    bracket[0] = 0.0;
    bracket[1] = t;
    bracket_f[0] = f;
    bracket_f[1] = f_new;
    bracket_g[0] = g;
    bracket_g[1] = g_new;
    bracket_size = 2;
  }

  // Zoom in until the bracket is tiny or a point meets the conditions.
  bool insuf_progress = false;
  std::size_t low_pos = bracket_f[0] <= bracket_f[bracket_size - 1] ? 0 : 1;
  std::size_t high_pos = 1 - low_pos;
  while (!done && ls_iter < max_ls) {
    if (std::abs(bracket[1] - bracket[0]) * d_norm < tolerance_change) break;
    t = cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1], nullptr);
    const double bracket_max = py_max(bracket[0], bracket[1]), bracket_min = py_min(bracket[0], bracket[1]);
    const double eps = 0.1 * (bracket_max - bracket_min);
    if (py_min(bracket_max - t, t - bracket_min) < eps) {
      // Interpolation close to a boundary: where it was last time too, or outside, move away.
      if (insuf_progress || t >= bracket_max || t <= bracket_min) {
        t = std::abs(t - bracket_max) < std::abs(t - bracket_min) ? bracket_max - eps : bracket_min + eps;
        insuf_progress = false;
      } else {
        insuf_progress = true;
      }
    } else {
      insuf_progress = false;
    }
    evaluate_next();
    if (f_new > (f + c1 * t * gtd) || f_new >= bracket_f[low_pos]) {
      bracket[high_pos] = t;
      bracket_f[high_pos] = f_new;
      bracket_g[high_pos] = g_new;
      bracket_gtd[high_pos] = gtd_new;
      low_pos = bracket_f[0] <= bracket_f[1] ? 0 : 1;
      high_pos = 1 - low_pos;
    } else {
      if (std::abs(gtd_new) <= -c2 * gtd) {
        done = true;
      } else if (gtd_new * (bracket[high_pos] - bracket[low_pos]) >= 0.0) {
        bracket[high_pos] = bracket[low_pos];
        bracket_f[high_pos] = bracket_f[low_pos];
        bracket_g[high_pos] = bracket_g[low_pos];
        bracket_gtd[high_pos] = bracket_gtd[low_pos];
      }
      bracket[low_pos] = t;
      bracket_f[low_pos] = f_new;
      bracket_g[low_pos] = g_new;
      bracket_gtd[low_pos] = gtd_new;
    }
  }
  return {bracket_f[low_pos], bracket_g[low_pos], bracket[low_pos], ls_func_evals};
}

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
      const auto obj_func = [&](double t, glm::dvec2 d) { return closure(add(x_init, d, t)); };
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
  StepExplanation out;
  out.from = position;
  out.to = copy.step(cost, position);
  out.full = true;
  const glm::dvec2 g = cost.gradient(position);
  const auto count = [](std::size_t n) { return glm::dvec2(static_cast<double>(n)); };
  out.lines = {{"g = grad f(p)", g},
               {"iterations (at most max_iter)", count(copy.n_iter_ - n_iter_), true},
               {"evaluations of f and g (at most max_eval)", count(copy.evaluations_.size()), true}};
  out.arrows = {{"-g", -g, TermRole::gradient, TermUnits::gradient}};
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
