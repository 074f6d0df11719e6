#pragma once
// The colour of each kind of step term (step_explanation.hpp's TermRole): the terrain's term
// arrows and the Step section's legend take them from here, so they agree. The gradient and
// momentum keep the colours of the plain gradient and velocity arrows.
#include "engine/core/step_explanation.hpp"

#include <glm/glm.hpp>

namespace losscape {

inline glm::vec3 term_colour(TermRole role) {
  switch (role) {
    case TermRole::gradient: return {0.3f, 1.0f, 1.0f};   // cyan, as the -grad f arrow
    case TermRole::momentum: return {1.0f, 0.35f, 1.0f};  // magenta, as the velocity arrow
    case TermRole::scaled: return {1.0f, 0.82f, 0.2f};    // amber
    case TermRole::step: return {0.45f, 1.0f, 0.35f};     // green
  }
  return {1.0f, 1.0f, 1.0f};
}

}  // namespace losscape
