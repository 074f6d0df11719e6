#include "engine/sim/swarm.hpp"

#include "engine/core/random.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace losscape {
namespace {

glm::dvec2 at(const Domain& d, double u, double v) { return {d.x_min + u * d.width(), d.y_min + v * d.height()}; }

std::vector<std::size_t> shuffled(std::size_t n, Random& random) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);  // Fisher-Yates
  return order;
}

}  // namespace

const char* to_string(SwarmLayout layout) {
  switch (layout) {
    case SwarmLayout::grid: return "grid";
    case SwarmLayout::random: return "random";
    case SwarmLayout::latin_hypercube: return "lhs";
  }
  return "random";
}

bool parse_swarm_layout(const std::string& text, SwarmLayout& out) {
  if (text == "grid") out = SwarmLayout::grid;
  else if (text == "random" || text == "uniform") out = SwarmLayout::random;
  else if (text == "lhs" || text == "latin-hypercube" || text == "latin_hypercube") out = SwarmLayout::latin_hypercube;
  else return false;
  return true;
}

std::vector<glm::dvec2> swarm_starts(SwarmLayout layout, std::size_t count, const Domain& domain, std::uint64_t seed) {
  std::vector<glm::dvec2> starts;
  if (count == 0) return starts;
  starts.reserve(count);
  Random random(seed);
  switch (layout) {
    case SwarmLayout::grid: {
      // Columns in proportion to the domain's aspect, so the cells are about square.
      const double aspect = domain.width() / domain.height();
      const auto columns =
          static_cast<std::size_t>(std::max(1.0, std::round(std::sqrt(static_cast<double>(count) * aspect))));
      const std::size_t rows = std::max<std::size_t>(1, count / columns);
      for (std::size_t j = 0; j < rows; ++j) {
        for (std::size_t i = 0; i < columns; ++i) {
          starts.push_back(at(domain, (static_cast<double>(i) + 0.5) / static_cast<double>(columns),
                              (static_cast<double>(j) + 0.5) / static_cast<double>(rows)));
        }
      }
      break;
    }
    case SwarmLayout::random:
      for (std::size_t k = 0; k < count; ++k) {
        const double u = random.uniform();
        starts.push_back(at(domain, u, random.uniform()));
      }
      break;
    case SwarmLayout::latin_hypercube: {
      // Column k and row order[k]: each column and each row holds one start, jittered in its cell.
      const std::vector<std::size_t> order = shuffled(count, random);
      const double n = static_cast<double>(count);
      for (std::size_t k = 0; k < count; ++k) {
        const double u = (static_cast<double>(k) + random.uniform()) / n;
        starts.push_back(at(domain, u, (static_cast<double>(order[k]) + random.uniform()) / n));
      }
      break;
    }
  }
  return starts;
}

}  // namespace losscape
