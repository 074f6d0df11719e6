#pragma once
// One optimizer step, term by term: the method's update rule as equation lines with this step's
// numbers filled in, and its terms as vectors at the ball. The panel's Step section shows the
// lines; the terrain draws the arrows (view setting arrows.terms). Core layer: numbers and text.
//
// What is explained is the step about to be taken from the ball's point with the method's
// current memory, without changing either (the method is asked through a const function, the
// way the next-step preview is a step of a copy). So the arrows start at the ball and the "new
// point" line is where the next step will land: Optimizer::step() from the same state gives
// exactly that point, bit for bit (tests/math/test_step_explanation.cpp).
//
// A per-coordinate method (coordinate_rule.hpp) states its rule once, as a table beside the rule
// (rule_explanation.hpp); any other method overrides Optimizer::explain(), or gets the generic
// explanation: the gradient, the step and the new point.
#include <glm/glm.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace losscape {

// What a term arrow is; it fixes the arrow's colour, the same on the terrain and in the legend.
enum class TermRole {
  gradient,  // -grad f (or the gradient the method takes: with weight decay, maximize)
  momentum,  // a moving average of gradients, negated: where the memory pushes
  scaled,    // a direction scaled per coordinate (by a root mean square, a sign): no units
  step,      // the step itself, p_new - p
};
// The units of an arrow's vector, which fix its length on the terrain: arrows of the same units
// compare (longer is larger), arrows of different units do not.
enum class TermUnits {
  gradient,  // of grad f
  position,  // of the domain (a step)
  none,      // a dimensionless direction, about 1 per coordinate
};

struct ExplainedLine {
  std::string equation;   // in symbols: "m = beta1*m + (1-beta1)*g"
  glm::dvec2 value{0.0};  // in each coordinate (x, y)
  bool shared = false;    // one number for both coordinates: a step size, a bias correction
};

struct TermArrow {
  TermArrow() = default;
  // A constructor rather than an aggregate, so that the many arrows at the ball need not name `start`.
  TermArrow(std::string name_, glm::dvec2 vector_, TermRole role_ = TermRole::step,
            TermUnits units_ = TermUnits::position, std::optional<glm::dvec2> start_ = std::nullopt)
      : name(std::move(name_)), vector(vector_), role(role_), units(units_), start(start_) {}

  std::string name;  // as the legend says it: "-g", "-m", "step"
  glm::dvec2 vector{0.0};
  TermRole role = TermRole::step;
  TermUnits units = TermUnits::position;
  // Where the arrow starts, for one that joins two points (Nelder-Mead's worst vertex to the
  // centroid): drawn from there at its true length. nullopt: at the ball, its length saturated.
  std::optional<glm::dvec2> start;
};

struct StepExplanation {
  glm::dvec2 from{0.0}, to{0.0};     // the step explained; `to` is step()'s result from the same state
  double t = 0.0;                    // the step's number since the start (1 for the first)
  std::vector<ExplainedLine> lines;  // in order of computation; one is "p_new = ...", the new point
  std::vector<TermArrow> arrows;
  bool full = false;  // the method's own table; false: the generic explanation
};

// The generic explanation, for a method without a table: g = grad f(p), the step, the new point.
StepExplanation generic_explanation(glm::dvec2 from, glm::dvec2 gradient, glm::dvec2 to, double t);

// For a method that explains itself from what a copy's step did (its own explain()): the opening,
// with `to` the copy's step, full set, g = grad f(p) and its -g arrow; and the close, the new
// point's line and the step arrow, last as every explanation has them.
StepExplanation explanation_opening(glm::dvec2 from, glm::dvec2 gradient, glm::dvec2 to);
// The same for a method that reads f only (Nelder-Mead, annealing): no gradient line or arrow.
StepExplanation explanation_opening(glm::dvec2 from, glm::dvec2 to);
void close_explanation(StepExplanation& out, std::string new_point_equation);

// A number as the Step section writes it: 6 significant digits ("0.00123457", "-4.5e-09").
std::string explained_number(double value);
// "(0.123, -4.56)", or one number for a shared line.
std::string explained_value(const ExplainedLine& line);
// The line as one text: "m = beta1*m + (1-beta1)*g = (0.123, -4.56)".
std::string to_text(const ExplainedLine& line);

}  // namespace losscape
