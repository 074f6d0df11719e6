#pragma once
// How a per-coordinate rule (coordinate_rule.hpp) states its update for the Step section: once, as
// a table beside the rule, which CoordinateRuleOptimizer::explain() fills with one step's numbers.
//
// To explain a new rule, declare in its struct
//   static const RuleTable<MyRule>& explanation();
// and define it in the method's .cpp (adam.cpp is a full example): the equation lines in order of
// computation, each with the function that reads its value in one coordinate, and the term
// arrows likewise. Values come from a CoordinateStep: the point and gradient, the coordinate's
// memory before and after the step, and the rule's own result `next`, so the new point's line
// ("p_new = ...": step.next, exactly one such line) is step()'s number exactly. A line that only some settings have
// (the weight decay, maximize) gives a `shown` test on the rule. A rule without explanation() gets the generic one (the
// gradient, the step, the new point).
#include "engine/core/optimizers/torch_ops.hpp"
#include "engine/core/step_explanation.hpp"

#include <vector>

namespace losscape {

// One coordinate's step, as a table reads it.
template <class Rule>
struct CoordinateStep {
  double t;                            // the step's number (1 for the first); the rule has had start_step(t)
  double p, g;                         // the coordinate's point and grad f there (as the rule gets it)
  typename Rule::State before, after;  // the coordinate's memory
  double next;                         // rule.next(p, g, state): the new point
  double step() const { return next - p; }
};

template <class Rule>
struct RuleLine {
  const char* equation;
  double (*value)(const Rule&, const CoordinateStep<Rule>&);
  bool shared = false;                   // the same in both coordinates: shown as one number
  bool (*shown)(const Rule&) = nullptr;  // nullptr: always
};

template <class Rule>
struct RuleArrow {
  const char* name;
  TermRole role;
  TermUnits units;
  double (*value)(const Rule&, const CoordinateStep<Rule>&);
  bool (*shown)(const Rule&) = nullptr;
};

template <class Rule>
struct RuleTable {
  std::vector<RuleLine<Rule>> lines;
  std::vector<RuleArrow<Rule>> arrows;
};

template <class Rule>
concept ExplainedRule = requires {
  Rule::explanation();
};

// The explanation from a table and the step's two coordinates.
template <class Rule>
StepExplanation explain_with(const RuleTable<Rule>& table, const Rule& rule, const CoordinateStep<Rule>& x,
                             const CoordinateStep<Rule>& y) {
  StepExplanation out;
  out.from = {x.p, y.p};
  out.to = {x.next, y.next};
  out.t = x.t;
  out.full = true;
  for (const auto& line : table.lines) {
    if (line.shown && !line.shown(rule)) continue;
    out.lines.push_back({line.equation, {line.value(rule, x), line.value(rule, y)}, line.shared});
  }
  for (const auto& arrow : table.arrows) {
    if (arrow.shown && !arrow.shown(rule)) continue;
    out.arrows.push_back({arrow.name, {arrow.value(rule, x), arrow.value(rule, y)}, arrow.role, arrow.units});
  }
  return out;
}

// Whether the rule has torch's maximize option set (some rules have no such option).
template <class Rule>
bool maximizes(const Rule& rule) {
  if constexpr (requires { rule.maximize; }) return rule.maximize;
  return false;
}
// Whether the rule adds weight_decay * p to its gradient (an L2 penalty): AdamW's decay is
// decoupled, outside the gradient.
template <class Rule>
bool decays_gradient(const Rule& rule) {
  if constexpr (requires { rule.decoupled; }) {
    if (rule.decoupled) return false;
  }
  if constexpr (requires { rule.weight_decay; }) return rule.weight_decay != 0.0;
  return false;
}
// The gradient a torch rule takes: grad f, negated if maximize, plus weight_decay * p (the rules'
// own first lines, for display).
template <class Rule>
double torch_gradient(const Rule& rule, const CoordinateStep<Rule>& s) {
  const double d = maximizes(rule) ? -s.g : s.g;
  if constexpr (requires { rule.weight_decay; }) {
    if (decays_gradient(rule)) return torch_ops::add(d, s.p, rule.weight_decay);
  }
  return d;
}

// The lines every table starts with: g = grad f(p), then maximize's and the L2 penalty's changes
// to it where the rule has them set.
template <class Rule>
std::vector<RuleLine<Rule>> gradient_lines(std::vector<RuleLine<Rule>> rest) {
  using Step = CoordinateStep<Rule>;
  std::vector<RuleLine<Rule>> lines = {
      {"g = grad f(p)", [](const Rule&, const Step& s) { return s.g; }},
      {"g = -g  (maximize)", [](const Rule&, const Step& s) { return -s.g; }, false,
       [](const Rule& r) { return maximizes(r); }},
      {"g = g + weight_decay*p", [](const Rule& r, const Step& s) { return torch_gradient(r, s); }, false,
       [](const Rule& r) { return decays_gradient(r); }},
  };
  lines.insert(lines.end(), rest.begin(), rest.end());
  return lines;
}

// The arrows every table has: -g (the gradient as the rule takes it) first, the step last.
template <class Rule>
std::vector<RuleArrow<Rule>> gradient_and_step_arrows(std::vector<RuleArrow<Rule>> between) {
  using Step = CoordinateStep<Rule>;
  std::vector<RuleArrow<Rule>> arrows = {{"-g", TermRole::gradient, TermUnits::gradient,
                                          [](const Rule& r, const Step& s) { return -torch_gradient(r, s); }}};
  arrows.insert(arrows.end(), between.begin(), between.end());
  arrows.push_back({"step", TermRole::step, TermUnits::position, [](const Rule&, const Step& s) { return s.step(); }});
  return arrows;
}

}  // namespace losscape
