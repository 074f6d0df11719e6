#pragma once
// The first-order methods (gradient descent, momentum, AdaGrad, RMSProp, the Adam family,
// Adadelta, ASGD, Rprop, Lion, signSGD, Signum, AdaBelief, Schedule-Free SGD and AdamW) update
// each coordinate on its own by the same rule. Each writes that rule once, as a small struct, and both its scalar
// step() and the lockstep lanes of the basin maps run that one definition: the lanes give the scalar steps' numbers bit
// for bit because there is no second copy to drift.
//
// A rule provides
//   struct State;                                    a coordinate's memory, zero-initialised when fresh
//   void start_step(double t);                       what every coordinate of step t (1, 2, ...) shares
//   double next(double p, double g, State&) const;   the coordinate's new value, from p and its gradient g
// and, to be explained term by term in the Step section (rule_explanation.hpp),
//   static const RuleTable<Rule>& explanation();     its update as equation lines and arrows
// and, where the State keeps a number derived from a parameter (Schedule-Free keeps lr_max's
// power, so the lanes' loop needs no pow),
//   void refresh(State&) const;                      brings it up to date with the parameters
// which a ball's step calls first: the window's sliders and schedules change a ball's parameters
// between its steps. The lanes' rule is fixed when they are made, so their loop does not call it.
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/rule_explanation.hpp"
#include "engine/core/vector_clones.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>

namespace losscape {

// One coordinate of lanes [0, n): out[i] = rule.next(p[i], g[i], state[i]). Returns whether any
// out[i] is outside [lo, hi] or not finite. Vectorised at each CPU's width (vector_clones.hpp),
// giving the scalar rule's numbers. The rule is copied first: through the reference, each store to
// `out` or `state` might have changed its fields, so GCC read them again every lane and left the
// loop scalar; a local copy is known to stay put (and engine/CMakeLists.txt lets GCC split the
// loop by the rule's flags, which it must do before vectorising it).
template <class Rule>
LOSSCAPE_VECTOR_CLONES bool advance_coordinate(const Rule& shared_rule, const double* __restrict p,
                                               const double* __restrict g, typename Rule::State* __restrict state,
                                               double* __restrict out, std::size_t n, double lo, double hi) {
  const Rule rule = shared_rule;
  std::int64_t outside = 0;  // not a bool: GCC vectorises only conditions as wide as the doubles
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = rule.next(p[i], g[i], state[i]);
    // One comparison, not two (comparisons are what a CPU does fewest of a cycle): the distance
    // beyond the nearer end is <= 0 exactly when lo <= out <= hi (IEEE subtraction keeps the
    // sign), and NaN, which fails the test, when out is NaN. (a > b ? a : b, not std::max,
    // whose reference GCC vectorises less well.)
    const double below = lo - out[i], above = out[i] - hi;
    outside |= !((below > above ? below : above) <= 0.0);
  }
  return outside != 0;
}

// torch's maximize option, which every rule that has it applies first: g <- -g.
inline ParameterSpec maximize_parameter() {
  return boolean_parameter("maximize", "1: climb f instead (the gradient's sign flipped), as torch's maximize=True");
}

// Each method's header declares its RuleLanes an explicit instantiation (extern template) and its
// .cpp file instantiates it, so the lanes' loop is compiled once, in that file, with the options
// engine/CMakeLists.txt gives it (not again in every file that includes the method, whose copy the
// linker might have kept instead). A new method needs both lines; and RuleLanes is reached only
// through OptimizerLanes: a direct call of its step() elsewhere would compile advance_coordinate
// (a free function, which the extern template does not cover) there again, without the options.
template <class Rule>
class RuleLanes final : public OptimizerLanes {
 public:
  explicit RuleLanes(const Rule& rule) : rule_(rule) {}

  void reset() override {
    for (auto& coordinate : state_) std::fill(std::begin(coordinate), std::end(coordinate), typename Rule::State{});
  }
  bool step(double t, const double* x, const double* y, const double* gx, const double* gy, double* nx, double* ny,
            std::size_t n, const Domain& box) override {
    rule_.start_step(t);
    const bool x_outside = advance_coordinate(rule_, x, gx, state_[0], nx, n, box.x_min, box.x_max);
    const bool y_outside = advance_coordinate(rule_, y, gy, state_[1], ny, n, box.y_min, box.y_max);
    return x_outside || y_outside;
  }
  void move(std::size_t from, std::size_t to) override {
    state_[0][to] = state_[0][from];
    state_[1][to] = state_[1][from];
  }

 private:
  Rule rule_;
  typename Rule::State state_[2][kLanes]{};  // [coordinate][lane]
};

// A rule whose State keeps a number derived from a parameter (refresh(): see the top).
template <class Rule>
concept RefreshedRule = requires(const Rule& rule, typename Rule::State& state) {
  rule.refresh(state);
};

// A first-order method defined by its rule: the scalar step, its memory, its lanes.
// velocity() is the last step taken.
template <class Rule>
class CoordinateRuleOptimizer : public Optimizer {
 public:
  void reset() override {
    steps_ = 0.0;
    state_[0] = state_[1] = typename Rule::State{};
    last_step_ = glm::dvec2(0.0);
  }
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 p) override {
    Rule rule = this->rule();
    rule.start_step(steps_ += 1.0);
    const glm::dvec2 g = cost.gradient(p);
    if constexpr (RefreshedRule<Rule>) {
      for (auto& coordinate : state_) rule.refresh(coordinate);
    }
    const glm::dvec2 next(rule.next(p.x, g.x, state_[0]), rule.next(p.y, g.y, state_[1]));
    last_step_ = next - p;
    return next;
  }
  glm::dvec2 velocity() const override { return last_step_; }
  // step()'s arithmetic on copies of the memory, read by the rule's table.
  StepExplanation explain(const CostFunction& cost, glm::dvec2 p) const override {
    Rule rule = this->rule();
    const double t = steps_ + 1.0;
    rule.start_step(t);
    const glm::dvec2 g = cost.gradient(p);
    const auto coordinate = [&](std::size_t i, double p_i, double g_i) {
      CoordinateStep<Rule> s{t, p_i, g_i, state_[i], state_[i], 0.0};
      if constexpr (RefreshedRule<Rule>) rule.refresh(s.after);
      s.next = rule.next(p_i, g_i, s.after);
      return s;
    };
    const CoordinateStep<Rule> x = coordinate(0, p.x, g.x), y = coordinate(1, p.y, g.y);
    if constexpr (ExplainedRule<Rule>) {
      return explain_with(Rule::explanation(), rule, x, y);
    } else {
      return generic_explanation(p, g, {x.next, y.next}, t);
    }
  }
  std::unique_ptr<OptimizerLanes> lanes() const override { return std::make_unique<RuleLanes<Rule>>(rule()); }
  // The rule with the current parameter values: the GPU swarm (render/compute/swarm_rules.cpp)
  // takes its numbers from here, so both paths read one set of parameters.
  Rule current_rule() const { return rule(); }

 protected:
  using Optimizer::Optimizer;
  // The rule with the current parameter values.
  virtual Rule rule() const = 0;
  // Coordinate i's memory (0: x, 1: y), for methods whose state is worth showing (ASGD's average).
  const typename Rule::State& coordinate_state(std::size_t i) const { return state_[i]; }
  double steps_taken() const { return steps_; }  // since reset

 private:
  double steps_ = 0.0;  // since reset
  typename Rule::State state_[2]{};
  glm::dvec2 last_step_{0.0};
};

}  // namespace losscape
