#pragma once
// The tests' reference derivative: a 4th-order central difference of g along `direction`.
#include <glm/glm.hpp>

namespace losscape::testing {

template <typename G>
double central_difference(G g, glm::dvec2 p, glm::dvec2 direction, double h) {
  return (-g(p + 2.0 * h * direction) + 8.0 * g(p + h * direction) - 8.0 * g(p - h * direction) +
          g(p - 2.0 * h * direction)) /
         (12.0 * h);
}

}  // namespace losscape::testing
