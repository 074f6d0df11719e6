#include "engine/core/optimizers/line_search.hpp"

namespace losscape {
namespace {

using torch_vector::abs_max;
using torch_vector::dot;
using torch_vector::py_max;
using torch_vector::py_min;

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

}  // namespace

LineSearchResult strong_wolfe(const LineObjective& obj_func, double t, glm::dvec2 d, double f, glm::dvec2 g, double gtd,
                              double tolerance_change, const WolfeConstants& constants) {
  const double c1 = constants.c1, c2 = constants.c2;
  const std::size_t max_ls = constants.max_ls;
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

LineSearchResult armijo_backtracking(const LineObjective& obj_func, double t, glm::dvec2 d, double f, glm::dvec2 g,
                                     double gtd, double c1, std::size_t max_tries) {
  for (std::size_t tries = 1; tries <= max_tries; ++tries, t *= 0.5) {
    const Evaluation e = obj_func(t, d);
    if (e.f <= f + c1 * t * gtd) return {e.f, e.g, t, tries};  // false for a NaN f: halve again
  }
  return {f, g, 0.0, max_tries};
}

ParameterSpec line_search_parameter() {
  return {"line_search",
          2.0,
          0.0,
          2.0,
          false,
          false,
          "how the step along the direction is chosen: 0 steps of lr, 1 Armijo backtracking, 2 strong Wolfe",
          true};
}

LineSearchResult search_along(const CostFunction& cost, glm::dvec2 p, glm::dvec2 d, const Evaluation& at_p, double t,
                              LineSearchKind kind, double c2, std::vector<glm::dvec2>& evaluated) {
  constexpr double c1 = 1e-4, tolerance_change = 1e-9;
  const LineObjective obj_func = [&](double step, glm::dvec2 direction) {
    const glm::dvec2 at = p + step * direction;
    evaluated.push_back(at);
    return Evaluation{cost.value(at), cost.gradient(at)};
  };
  const double gtd = torch_vector::dot(at_p.g, d);
  switch (kind) {
    case LineSearchKind::none: {
      const Evaluation e = obj_func(t, d);
      return {e.f, e.g, t, 1};
    }
    case LineSearchKind::armijo: return armijo_backtracking(obj_func, t, d, at_p.f, at_p.g, gtd, c1);
    case LineSearchKind::strong_wolfe: break;
  }
  return strong_wolfe(obj_func, t, d, at_p.f, at_p.g, gtd, tolerance_change, {c1, c2, 25});
}

std::vector<Optimizer::Companion> evaluated_companions(const std::vector<glm::dvec2>& points, std::size_t first) {
  std::vector<Optimizer::Companion> out;
  for (std::size_t i = first; i < points.size(); ++i) out.push_back({Optimizer::Companion::Kind::evaluated, points[i]});
  return out;
}

}  // namespace losscape
