#pragma once
#include "engine/core/optimizer.hpp"

#include <array>

namespace losscape {

// The Nelder-Mead simplex method (Nelder & Mead 1965), as Lagarias, Reeds, Wright & Wright
// ("Convergence properties of the Nelder-Mead simplex method in low dimensions", SIAM J. Optim.
// 9(1), 1998) state it, with their tie-breaking rules. Uses f only, never the gradient.
// The simplex is three vertices, ordered f(x1) <= f(x2) <= f(x3); the ball is the best, x1.
// One ball step is one iteration, with xbar = (x1 + x2) / 2:
//   reflect  xr = xbar + rho (xbar - x3);            accept if f1 <= fr < f2
//   expand   xe = xbar + rho chi (xbar - x3)         if fr < f1: accept xe if fe < fr, else xr
//   outside  xc = xbar + gamma rho (xbar - x3)       if f2 <= fr < f3: accept if fc <= fr
//   inside   xcc = xbar - gamma (xbar - x3)          if fr >= f3: accept if fcc < f3
//   shrink   xi <- x1 + sigma (xi - x1), i = 2, 3    when a contraction is not accepted
// with the standard rho = 1 (reflection), chi = 2 (expansion), gamma = 0.5 (contraction),
// sigma = 0.5 (shrink). The first step (or one from a point that is not x1: the ball was moved)
// builds the simplex: the point, and the point moved by `simplex_size` times the domain's width
// along x and times its height along y. A NaN or infinite f counts as +infinity.
class NelderMead final : public Optimizer {
 public:
  NelderMead();
  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<NelderMead>(*this); }
  glm::dvec2 velocity() const override { return last_step_; }
  // The simplex's three vertices, best first: drawn as a triangle on the terrain.
  std::vector<Companion> companions() const override;
  // The simplex has shrunk to a point (its vertices equal to the last bit): it cannot move again.
  bool at_rest() const override {
    return has_simplex_ && simplex_[1].x == simplex_[0].x && simplex_[2].x == simplex_[0].x;
  }
  // The simplex and f at its vertices, the centroid, the move a copy's step makes and its trial point.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;

  struct Vertex {
    glm::dvec2 x;
    double f;
  };
  // The simplex after the last step, ordered best first (empty before the first step).
  const std::array<Vertex, 3>& simplex() const { return simplex_; }
  bool has_simplex() const { return has_simplex_; }
  // What the last step did: "reflect", "expand", "contract outside", "contract inside", "shrink".
  const char* last_move() const { return last_move_; }

 private:
  std::array<Vertex, 3> simplex_{};
  bool has_simplex_ = false;
  const char* last_move_ = "";
  glm::dvec2 last_step_{0.0};
  // What the last step started from, for explain(): the simplex (ordered), its centroid
  // xbar = (x1 + x2) / 2, and the trial point its move accepted or (before a shrink) rejected.
  struct Taken {
    std::array<Vertex, 3> simplex{};
    glm::dvec2 xbar{0.0};
    Vertex trial{};
  } taken_;
};

}  // namespace losscape
