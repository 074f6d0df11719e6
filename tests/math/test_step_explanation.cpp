// The Step section's explanation of a step (step_explanation.hpp): for every registered optimizer
// it lands exactly where step() does from the same state, and changes nothing; Adam's numbers
// checked by hand on a known step; which methods have their own table. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/bfgs.hpp"
#include "engine/sim/simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <string_view>

using namespace losscape;

namespace {

// f = (x^2 + 10 y^2) / 2: grad f = (x, 10 y), numbers easy to follow by hand.
class Quadratic final : public CostFunction {
 public:
  double value(glm::dvec2 p) const override { return 0.5 * (p.x * p.x + 10.0 * p.y * p.y); }
  glm::dvec2 gradient(glm::dvec2 p) const override { return {p.x, 10.0 * p.y}; }
  glm::dmat2 hessian(glm::dvec2) const override { return glm::dmat2(1.0, 0.0, 0.0, 10.0); }
  const std::string& name() const override { return text; }
  const std::string& title() const override { return text; }
  const std::string& formula() const override { return text; }
  Domain domain() const override { return {-5, 5, -5, 5}; }
  std::string text = "quadratic";
};

bool same_bits(glm::dvec2 a, glm::dvec2 b) {
  return std::bit_cast<std::uint64_t>(a.x) == std::bit_cast<std::uint64_t>(b.x) &&
         std::bit_cast<std::uint64_t>(a.y) == std::bit_cast<std::uint64_t>(b.y);
}

// The method's settings worth trying: the defaults, then each torch option (maximize, amsgrad,
// nesterov's...) switched on and a weight decay, each on its own.
std::vector<std::unique_ptr<Optimizer>> variants(const std::string& name) {
  std::vector<std::unique_ptr<Optimizer>> out;
  out.push_back(make_optimizer(name));
  for (const ParameterSpec& spec : out.front()->parameter_table()) {
    double value = 0.0;
    if (is_boolean(spec)) {
      value = 1.0;
    } else if (spec.key == "lookahead_k") {
      value = 2.0;  // a sync every other step
    } else if (spec.key == "weight_decay" || spec.key == "momentum" || spec.key == "lr_decay") {
      value = spec.default_value == 0.0 ? 0.1 : 0.0;
    } else {
      continue;
    }
    auto optimizer = make_optimizer(name);
    if (!optimizer->set_parameter(spec.key, value)) continue;  // refused: not a setting this method has
    out.push_back(std::move(optimizer));
  }
  return out;
}

const ExplainedLine& line_starting(const StepExplanation& e, std::string_view start) {
  for (const ExplainedLine& line : e.lines) {
    if (line.equation.starts_with(start)) return line;
  }
  ADD_FAILURE() << "no line starting " << start;
  static const ExplainedLine none;
  return none;
}

// Every registered name, and wrapped methods beside the wrappers' defaults: a table, a method with
// its own explain() and one with a line search inside Lookahead and SAM.
std::vector<std::string> names_to_explain() {
  std::vector<std::string> names = optimizer_names();
  for (const char* wrapped : {"lookahead:adam", "lookahead:neldermead", "lookahead:bfgs", "lookahead:ball",
                              "sam:momentum", "sam:lbfgs", "sam:cg", "sam:shampoo", "lookahead:sgld", "sam:sgld"}) {
    names.emplace_back(wrapped);
  }
  return names;
}

}  // namespace

// The new point is step()'s, bit for bit, at the first step and after 1, 5 and 40, for every
// registered method in each of its settings; explaining changes nothing (a copy taken before the
// explanation still steps to the same point).
TEST(StepExplanation, LandsExactlyWhereStepDoesForEveryOptimizer) {
  const std::vector<std::shared_ptr<CostFunction>> costs = {make_builtin_function("himmelblau"),
                                                            make_builtin_function("rosenbrock")};
  for (const auto& cost : costs) {
    for (const std::string& name : names_to_explain()) {
      for (auto& optimizer : variants(name)) {
        glm::dvec2 p = cost->preferred_start().value_or(glm::dvec2(-1.5, 2.5));
        for (int step = 0; step <= 40; ++step) {
          const std::unique_ptr<Optimizer> before = optimizer->clone();
          const StepExplanation e = optimizer->explain(*cost, p);
          const glm::dvec2 next = before->step(*cost, p);
          const std::string where = name + " on " + cost->name() + ", step " + std::to_string(step + 1);
          EXPECT_TRUE(same_bits(e.to, next)) << where;
          ASSERT_FALSE(e.lines.empty()) << where;
          for (const ExplainedLine& l : e.lines) EXPECT_FALSE(l.equation.empty()) << where;
          for (const TermArrow& a : e.arrows) EXPECT_FALSE(a.name.empty()) << where;
          const auto new_point = [](const ExplainedLine& l) { return l.equation.starts_with("p_new"); };
          ASSERT_EQ(std::count_if(e.lines.begin(), e.lines.end(), new_point), 1) << where;
          const ExplainedLine& line = *std::find_if(e.lines.begin(), e.lines.end(), new_point);
          EXPECT_TRUE(same_bits(line.value, next)) << where << ": " << line.equation;
          EXPECT_TRUE(same_bits(e.from, p)) << where;
          ASSERT_FALSE(e.arrows.empty()) << where;
          EXPECT_EQ(e.arrows.back().name, "step") << where;
          EXPECT_TRUE(same_bits(e.arrows.back().vector, next - p)) << where;
          const glm::dvec2 taken = optimizer->step(*cost, p);
          ASSERT_TRUE(same_bits(taken, next)) << where << ": explain() changed the method's memory";
          if (!std::isfinite(taken.x) || !std::isfinite(taken.y)) break;
          p = taken;
        }
      }
    }
  }
}

// In the simulation, as the Step section explains it (Simulation::explain_next_step): the ball
// lands where the explanation of its next step says, for every registered method, without noise
// and with gradient noise (the explanation sees the very noise the step will).
TEST(StepExplanation, TheBallLandsWhereTheSectionSaid) {
  for (const double sigma : {0.0, 5.0}) {
    SimulationSettings settings;
    settings.noise.sigma = sigma;
    settings.noise.seed = 3;
    Simulation simulation(make_builtin_function("himmelblau"), settings);
    for (const std::string& name : optimizer_names()) simulation.add_ball({-1.5, 2.5}, make_optimizer(name));
    std::size_t compared = 0;
    for (int step = 0; step < 25; ++step) {
      std::vector<StepExplanation> said;
      for (const Ball& ball : simulation.balls()) said.push_back(simulation.explain_next_step(ball));
      std::vector<bool> running;
      for (const Ball& ball : simulation.balls()) running.push_back(ball.status == BallStatus::running);
      simulation.step_all();
      for (std::size_t i = 0; i < said.size(); ++i) {
        const Ball& ball = simulation.balls()[i];
        if (!running[i] || ball.status != BallStatus::running) continue;  // judged: stopped where it was
        EXPECT_TRUE(same_bits(ball.position, said[i].to))
            << ball.optimizer->name() << ", sigma " << sigma << ", step " << step + 1;
        ++compared;
      }
    }
    EXPECT_GT(compared, 20u * optimizer_names().size()) << "most balls still running, sigma " << sigma;
  }
}

// Which registered methods state their rule as a table; the others get the generic explanation
// (g, the step, the new point). A method added since: give its rule an explanation() table
// (docs/optimizers.md, "Adding an optimizer") and its name here.
TEST(StepExplanation, TheseMethodsHaveTheirOwnTable) {
  std::vector<std::string> with_table = {"gd",
                                         "momentum",
                                         "nesterov",
                                         "adagrad",
                                         "rmsprop",
                                         "adam",
                                         "adamw",
                                         "adamax",
                                         "nadam",
                                         "radam",
                                         "adadelta",
                                         "asgd",
                                         "rprop",
                                         "lion",
                                         "signsgd",
                                         "signum",
                                         "adabelief",
                                         "lbfgs",
                                         "newton",
                                         "schedulefree_sgd",
                                         "schedulefree_adamw",
                                         "sophia",
                                         "ball",
                                         "bfgs",
                                         "cg",
                                         "neldermead",
                                         "flow",
                                         "shampoo",
                                         "lookahead",
                                         "sam",
                                         "sgld",
                                         "anneal"};
  auto cost = make_builtin_function("himmelblau");
  std::vector<std::string> full, generic;
  for (const std::string& name : optimizer_names()) {
    const StepExplanation e = make_optimizer(name)->explain(*cost, {1.0, 1.0});
    (e.full ? full : generic).push_back(name);
    if (!e.full) {
      EXPECT_EQ(e.lines.size(), 3u) << name;
      EXPECT_EQ(e.lines.front().equation, "g = grad f(p)") << name;
    }
  }
  std::sort(full.begin(), full.end());
  std::sort(with_table.begin(), with_table.end());
  EXPECT_EQ(full, with_table);
  std::string names;
  for (const auto& n : generic) names += " " + n;
  std::cout << "methods with the generic explanation:" << names << "\n";
}

// Adam (lr 0.1, the default betas) from (1, 1) on (x^2 + 10 y^2) / 2, its second step, by hand:
// step 1: g = (1, 10), m = (0.1, 1), v = (0.001, 0.1), p -> (0.9, 0.9) (to 1e-9: the eps).
// step 2: g = (0.9, 9), m = 0.9 m + 0.1 g = (0.18, 1.8), v = 0.999 v + 0.001 g^2 = (0.001809, 0.1809),
//         bc1 = 1 - 0.9^2 = 0.19, bc2 = 1 - 0.999^2 = 0.001999, m_hat = m / 0.19, v_hat = v / 0.001999,
//         step = -0.1 m_hat / sqrt(v_hat) = -0.1 * (0.18 / 0.19) / sqrt(0.001809 / 0.001999) in x.
TEST(StepExplanation, AdamsSecondStepByHand) {
  Quadratic cost;
  auto adam = make_optimizer("adam");
  ASSERT_TRUE(adam->set_parameter("lr", 0.1));
  const glm::dvec2 p = adam->step(cost, {1.0, 1.0});
  const StepExplanation e = adam->explain(cost, p);
  EXPECT_EQ(e.t, 2.0);
  const double tol = 1e-8;
  EXPECT_NEAR(line_starting(e, "g = grad f").value.x, 0.9, tol);
  EXPECT_NEAR(line_starting(e, "g = grad f").value.y, 9.0, tol);
  EXPECT_NEAR(line_starting(e, "m = ").value.x, 0.18, tol);
  EXPECT_NEAR(line_starting(e, "m = ").value.y, 1.8, tol);
  EXPECT_NEAR(line_starting(e, "v = ").value.x, 0.001809, tol);
  EXPECT_NEAR(line_starting(e, "v = ").value.y, 0.1809, tol);
  EXPECT_TRUE(line_starting(e, "bc1").shared);
  EXPECT_NEAR(line_starting(e, "bc1").value.x, 0.19, 1e-15);
  EXPECT_NEAR(line_starting(e, "bc2").value.x, 0.001999, 1e-15);
  EXPECT_NEAR(line_starting(e, "m_hat").value.x, 0.18 / 0.19, tol);
  EXPECT_NEAR(line_starting(e, "v_hat").value.y, 0.1809 / 0.001999, 1e-6);
  const double step_x = -0.1 * (0.18 / 0.19) / std::sqrt(0.001809 / 0.001999);
  EXPECT_NEAR(line_starting(e, "step").value.x, step_x, tol);
  EXPECT_NEAR(line_starting(e, "step").value.x, -0.0995877713, 1e-9);
  EXPECT_NEAR(line_starting(e, "p_new").value.x, 0.9 + step_x, tol);
  // Adam's own lines only: no maximize, weight decay or amsgrad line at the defaults.
  EXPECT_EQ(e.lines.size(), 9u);
  EXPECT_EQ(to_text(line_starting(e, "bc1")), "bc1 = 1 - beta1^t = 0.19");
  // The arrows: -g, -m, the scaled direction, the step.
  ASSERT_EQ(e.arrows.size(), 4u);
  EXPECT_EQ(e.arrows[0].role, TermRole::gradient);
  EXPECT_EQ(e.arrows[1].role, TermRole::momentum);
  EXPECT_NEAR(e.arrows[1].vector.y, -1.8, tol);
  EXPECT_EQ(e.arrows[2].role, TermRole::scaled);
  EXPECT_NEAR(e.arrows[2].vector.x, step_x / 0.1, 1e-7);
  EXPECT_EQ(e.arrows[3].role, TermRole::step);
}

// The L2 line (g = g + weight_decay*p) only where the decay goes through the gradient: not for
// AdamW or Lion, whose decay is decoupled.
TEST(StepExplanation, ShowsTheL2LineOnlyWhereTheDecayIsInTheGradient) {
  auto cost = make_builtin_function("himmelblau");
  for (const std::string name : {"adam", "adamw", "lion", "gd"}) {
    auto optimizer = make_optimizer(name);
    ASSERT_TRUE(optimizer->set_parameter("weight_decay", 0.1)) << name;
    const StepExplanation e = optimizer->explain(*cost, {1.0, 1.0});
    const bool l2 = std::any_of(e.lines.begin(), e.lines.end(),
                                [](const ExplainedLine& l) { return l.equation == "g = g + weight_decay*p"; });
    EXPECT_EQ(l2, name == "adam" || name == "gd") << name;
  }
}

TEST(StepExplanation, WritesItsNumbersToSixDigits) {
  EXPECT_EQ(explained_number(0.001234567), "0.00123457");
  EXPECT_EQ(to_text({"m = beta1*m + (1-beta1)*g", {0.123, -4.56}}), "m = beta1*m + (1-beta1)*g = (0.123, -4.56)");
}

// Lookahead (gd, lr 0.1, k = 2, alpha 0.5) from (1, 1) on (x^2 + 10 y^2) / 2: the first step is
// gd's to (0.9, 0); the second ends a cycle: theta = (0.81, 0), phi = 0.5 theta + 0.5 (1, 1), and
// the ball restarts from phi, (0.905, 0.5).
TEST(StepExplanation, LookaheadsSyncStepByHand) {
  Quadratic cost;
  auto lookahead = make_optimizer("lookahead:gd");
  ASSERT_TRUE(lookahead->set_parameter("lr", 0.1));
  ASSERT_TRUE(lookahead->set_parameter("lookahead_k", 2.0));
  const StepExplanation first = lookahead->explain(cost, {1.0, 1.0});
  EXPECT_TRUE(first.full);
  EXPECT_EQ(line_starting(first, "inner step").value.x, 1.0);
  EXPECT_EQ(first.arrows[first.arrows.size() - 2].name, "phi - p");
  const glm::dvec2 p = lookahead->step(cost, {1.0, 1.0});
  EXPECT_NEAR(p.x, 0.9, 1e-15);
  const StepExplanation e = lookahead->explain(cost, p);
  EXPECT_EQ(line_starting(e, "inner step").value.x, 2.0);
  EXPECT_NEAR(line_starting(e, "phi  (the slow").value.x, 1.0, 1e-15);
  EXPECT_NEAR(line_starting(e, "theta = ").value.x, 0.81, 1e-15);
  EXPECT_NEAR(line_starting(e, "phi = phi + alpha").value.x, 0.905, 1e-15);
  EXPECT_NEAR(line_starting(e, "phi = phi + alpha").value.y, 0.5, 1e-15);
  EXPECT_TRUE(same_bits(line_starting(e, "p_new").value, lookahead->step(cost, p)));
  EXPECT_EQ(e.arrows[e.arrows.size() - 3].name, "theta - p");
  EXPECT_EQ(e.arrows[e.arrows.size() - 2].name, "phi_new - p");
}

// SAM (gd, rho 0.05) at (1, 1): e = 0.05 g / |g| with g = (1, 10), and gd's g is grad f(p + e).
TEST(StepExplanation, SamTakesTheInnerGradientAtTheAscentPoint) {
  Quadratic cost;
  auto sam = make_optimizer("sam:gd");
  const StepExplanation e = sam->explain(cost, {1.0, 1.0});
  const glm::dvec2 ascent = 0.05 * glm::dvec2(1.0, 10.0) / std::sqrt(101.0);
  EXPECT_NEAR(line_starting(e, "e = rho").value.x, ascent.x, 1e-15);
  EXPECT_NEAR(line_starting(e, "e = rho").value.y, ascent.y, 1e-15);
  EXPECT_NEAR(line_starting(e, "g = grad f(p + e)").value.y, 10.0 * (1.0 + ascent.y), 1e-13);
  ASSERT_GE(e.arrows.size(), 4u);
  EXPECT_EQ(e.arrows[0].name, "-g");
  EXPECT_EQ(e.arrows[1].name, "e");
  EXPECT_EQ(e.arrows[2].name, "-g(p + e)");
}

// BFGS: H is the identity on the first step (d = -g), then the estimate the step left.
TEST(StepExplanation, BfgsShowsTheInverseHessianItUses) {
  Quadratic cost;
  auto bfgs = make_optimizer("bfgs");
  const StepExplanation first = bfgs->explain(cost, {1.0, 1.0});
  EXPECT_EQ(line_starting(first, "H = ").value, glm::dvec2(1.0, 0.0));
  EXPECT_EQ(line_starting(first, "d = -H g").value, glm::dvec2(-1.0, -10.0));
  const glm::dvec2 p = bfgs->step(cost, {1.0, 1.0});
  const glm::dmat2 h = dynamic_cast<const Bfgs&>(*bfgs).inverse_hessian();
  const StepExplanation e = bfgs->explain(cost, p);
  EXPECT_EQ(line_starting(e, "H = ").value, glm::dvec2(h[0][0], h[1][0]));
  const double t = line_starting(e, "t  (").value.x;
  EXPECT_NEAR(line_starting(e, "p_new").value.x, p.x + t * line_starting(e, "d = -H g").value.x, 1e-12);
}

// CG's second step: beta = max(0, g.(g - g_prev) / |g_prev|^2) (PR+), d = -g + beta d_prev.
TEST(StepExplanation, ConjugateGradientsBetaByHand) {
  Quadratic cost;
  auto cg = make_optimizer("cg");
  const StepExplanation first = cg->explain(cost, {1.0, 1.0});
  EXPECT_EQ(line_starting(first, "d = -g  (restart: a new run)").value, glm::dvec2(-1.0, -10.0));
  const glm::dvec2 p = cg->step(cost, {1.0, 1.0});
  const glm::dvec2 g_prev(1.0, 10.0), g = cost.gradient(p);
  const double beta = std::max(0.0, glm::dot(g, g - g_prev) / glm::dot(g_prev, g_prev));
  const StepExplanation e = cg->explain(cost, p);
  EXPECT_NEAR(line_starting(e, "beta = ").value.x, beta, 1e-15);
  EXPECT_NEAR(line_starting(e, "d = -g + beta d_prev").value.x, -g.x - beta * g_prev.x, 1e-15);
}

// Shampoo's first step: G = eps I + g g^T, and G^-1/2 g is the direction.
TEST(StepExplanation, ShampoosPreconditionerByHand) {
  Quadratic cost;
  auto shampoo = make_optimizer("shampoo");
  const double eps = shampoo->parameter("eps");
  const StepExplanation e = shampoo->explain(cost, {1.0, 1.0});
  EXPECT_EQ(line_starting(e, "G = ").value, glm::dvec2(1.0 + eps, 10.0));
  const glm::dvec2 row_x = line_starting(e, "G^-1/2: (xx").value, row_y = line_starting(e, "        (yx").value;
  const glm::dvec2 d = line_starting(e, "d = G^-1/2 g").value;
  EXPECT_NEAR(d.x, row_x.x * 1.0 + row_x.y * 10.0, 1e-9);
  EXPECT_NEAR(d.y, row_y.x * 1.0 + row_y.y * 10.0, 1e-9);
}

// Nelder-Mead: the simplex best first, its centroid, and the move's trial point.
TEST(StepExplanation, NelderMeadShowsItsSimplexAndMove) {
  Quadratic cost;
  auto nm = make_optimizer("neldermead");
  glm::dvec2 p(1.0, 1.0);
  for (int step = 0; step < 6; ++step) {
    const StepExplanation e = nm->explain(cost, p);
    const double f1 = line_starting(e, "f(x1)").value.x, f2 = line_starting(e, "f(x2)").value.x;
    EXPECT_LE(f1, f2);
    EXPECT_LE(f2, line_starting(e, "f(x3)").value.x);
    const glm::dvec2 xbar = (line_starting(e, "x1").value + line_starting(e, "x2").value) / 2.0;
    EXPECT_EQ(line_starting(e, "xbar").value, xbar);
    EXPECT_EQ(line_starting(e, "x_trial").equation.find("x_trial"), 0u);
    // The arrows from the worst vertex to the centroid and to the trial point, then the step.
    ASSERT_EQ(e.arrows.size(), 3u);
    for (int i = 0; i < 2; ++i) ASSERT_EQ(e.arrows[i].start, line_starting(e, "x3").value);
    EXPECT_EQ(*e.arrows[0].start + e.arrows[0].vector, xbar);
    EXPECT_EQ(*e.arrows[1].start + e.arrows[1].vector, line_starting(e, "x_trial").value);
    EXPECT_FALSE(e.arrows[2].start);
    p = nm->step(cost, p);
  }
}

// The physical ball from rest: no velocity yet, so the step is the slope's pull, dt^2/2 a.
TEST(StepExplanation, BallFromRestMovesByTheSlopesPull) {
  Quadratic cost;
  auto ball = make_optimizer("ball");
  const StepExplanation e = ball->explain(cost, {1.0, 1.0});
  EXPECT_EQ(line_starting(e, "v = (dx/dt").value, glm::dvec2(0.0));
  EXPECT_EQ(line_starting(e, "substeps").value.x, 1.0);
  const glm::dvec2 a = line_starting(e, "a = ").value;
  EXPECT_LT(a.x, 0.0);  // downhill
  const double dt = ball->parameter("dt");
  EXPECT_NEAR(line_starting(e, "p_new").value.x, 1.0 + 0.5 * dt * dt * a.x, 1e-12);
}

// The noise-driven methods explain with the very draws their step makes, for any seed: SGLD's xi,
// annealing's proposal and its Metropolis test (several steps, so both verdicts come up).
TEST(StepExplanation, NoiseDrivenMethodsExplainWithTheirOwnDraws) {
  auto cost = make_builtin_function("himmelblau");
  for (const std::string name : {"sgld", "anneal", "lookahead:sgld"}) {
    for (const std::uint64_t seed : {1u, 7u, 12345u}) {
      auto optimizer = make_optimizer(name);
      optimizer->set_seed(seed);
      glm::dvec2 p(-1.5, 2.5);
      int refused = 0;
      for (int step = 0; step < 30; ++step) {
        const StepExplanation e = optimizer->explain(*cost, p);
        const glm::dvec2 next = optimizer->step(*cost, p);
        ASSERT_TRUE(same_bits(e.to, next)) << name << " seed " << seed << " step " << step + 1;
        EXPECT_TRUE(e.full);
        refused += e.lines.back().equation.find("refused") != std::string::npos;
        p = next;
      }
      if (name == "anneal") {
        EXPECT_GT(refused, 0) << "seed " << seed;
      }
    }
  }
}
