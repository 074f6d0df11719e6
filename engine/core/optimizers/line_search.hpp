#pragma once
// Line searches along a direction d from a point p, on phi(t) = f(p + t d): the strong-Wolfe search
// of torch 1.13's lbfgs.py (_strong_wolfe and _cubic_interpolate, operation for operation, so
// L-BFGS keeps torch's trajectories bit for bit), and Armijo backtracking. Shared by L-BFGS, BFGS
// and nonlinear conjugate gradient. Nocedal & Wright, "Numerical Optimization", 2nd ed.: Armijo
// backtracking is their algorithm 3.1, the strong-Wolfe bracketing and zoom their 3.5 and 3.6.
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/torch_ops.hpp"

#include <glm/glm.hpp>

#include <cmath>
#include <cstddef>
#include <functional>
#include <vector>

namespace losscape {

// torch's operations on the flat 2-vector of parameters, as lbfgs.py writes them.
namespace torch_vector {
// torch.dot of two 2-vectors: a plain sum of products (checked bit for bit against torch 1.13:
// no fused multiply-add).
inline double dot(glm::dvec2 a, glm::dvec2 b) { return a.x * b.x + a.y * b.y; }
inline double abs_max(glm::dvec2 a) { return torch_ops::amax(std::abs(a.x), std::abs(a.y)); }
// tensor.add_(other, alpha=a), per coordinate.
inline glm::dvec2 add(glm::dvec2 self, glm::dvec2 other, double alpha) {
  return {torch_ops::add(self.x, other.x, alpha), torch_ops::add(self.y, other.y, alpha)};
}
// Python's max(a, b) and min(a, b): the first unless the second is larger (smaller).
inline double py_max(double a, double b) { return b > a ? b : a; }
inline double py_min(double a, double b) { return b < a ? b : a; }
}  // namespace torch_vector

// f and its gradient at one point.
struct Evaluation {
  double f;
  glm::dvec2 g;
};

// f and its gradient at p + t d (torch's obj_func(x, t, d)); every call is one evaluation.
using LineObjective = std::function<Evaluation(double t, glm::dvec2 d)>;

struct LineSearchResult {
  double f;      // at the step found
  glm::dvec2 g;  // likewise
  double t;      // the step found along d
  std::size_t evals;
};

// The sufficient decrease (c1) and curvature (c2) constants, 0 < c1 < c2 < 1, and the most
// evaluations one search may make. torch's _strong_wolfe has c1 = 1e-4, c2 = 0.9, max_ls = 25.
struct WolfeConstants {
  double c1 = 1e-4, c2 = 0.9;
  std::size_t max_ls = 25;
};

// torch's _strong_wolfe: from the first trial step t, along d, from (f, g) at t = 0 with slope
// gtd = g.d < 0. Brackets a step meeting f(t) <= f + c1 t gtd and |g(t).d| <= c2 |gtd| (extrapolating
// by cubic interpolation), then zooms in on it, until the bracket is shorter than tolerance_change
// (times max |d|). Returns the bracket's lower point: the step found, or the best one tried.
LineSearchResult strong_wolfe(const LineObjective& obj_func, double t, glm::dvec2 d, double f, glm::dvec2 g, double gtd,
                              double tolerance_change, const WolfeConstants& constants = {});

// Armijo backtracking: t, t/2, t/4, ... until f(t) <= f + c1 t gtd (a NaN f fails), at most
// max_tries evaluations. Where none passes, the result has t = 0 and the start's f and g.
LineSearchResult armijo_backtracking(const LineObjective& obj_func, double t, glm::dvec2 d, double f, glm::dvec2 g,
                                     double gtd, double c1, std::size_t max_tries = 50);

// How BFGS and nonlinear conjugate gradient choose the step t along their direction d: their
// `line_search` parameter, whose value is the number here.
enum class LineSearchKind { none = 0, armijo = 1, strong_wolfe = 2 };
ParameterSpec line_search_parameter();
// The step along d from p (where f and g are `at_p`), its first trial t: none takes t as it is,
// armijo backtracks from it (c1 = 1e-4), strong_wolfe searches from it (c1 = 1e-4 and c2).
// Every point where f and g were evaluated is appended to `evaluated`.
LineSearchResult search_along(const CostFunction& cost, glm::dvec2 p, glm::dvec2 d, const Evaluation& at_p, double t,
                              LineSearchKind kind, double c2, std::vector<glm::dvec2>& evaluated);

// The points a line search evaluated, from index `first` on, as companions (small dots).
std::vector<Optimizer::Companion> evaluated_companions(const std::vector<glm::dvec2>& points, std::size_t first = 0);

}  // namespace losscape
