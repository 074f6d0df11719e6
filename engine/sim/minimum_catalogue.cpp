#include "engine/sim/minimum_catalogue.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {

std::int32_t outcome_of(BallStatus status) {
  switch (status) {
    case BallStatus::diverged: return kDiverged;
    case BallStatus::undefined: return kUndefined;
    case BallStatus::left_domain: return kLeftDomain;
    case BallStatus::running:
    case BallStatus::converged: break;
  }
  return kNotConverged;
}

MinimumCatalogue::MinimumCatalogue(const CostFunction& cost) {
  const Domain d = cost.domain();
  radius_ = 1e-3 * std::max(d.width(), d.height());
  for (const KnownMinimum& m : cost.known_minima()) {
    minima_.push_back({m.position, m.value, true, m.global});
    global_known_ = global_known_ || m.global;
  }
}

std::int32_t MinimumCatalogue::find(glm::dvec2 end) const {
  for (std::size_t m = 0; m < minima_.size(); ++m) {
    if (glm::length(end - minima_[m].position) <= radius_) return static_cast<std::int32_t>(m);
  }
  return -1;
}

std::int32_t MinimumCatalogue::find_or_add(glm::dvec2 end, double value) {
  if (const std::int32_t found = find(end); found >= 0) return found;
  minima_.push_back({end, value, false, false});
  if (!global_known_) mark_lowest_found_as_global();
  return static_cast<std::int32_t>(minima_.size() - 1);
}

void MinimumCatalogue::put_first(const std::vector<NamedMinimum>& first) {
  std::vector<NamedMinimum> before = std::move(minima_);
  minima_ = first;
  for (const NamedMinimum& m : before) {
    if (find(m.position) < 0) minima_.push_back(m);
  }
  if (!global_known_) mark_lowest_found_as_global();
}

// With no listed minima, the lowest values found stand in for the global minimum (ties within a
// relative 1e-9: symmetric functions have several equal lowest minima).
void MinimumCatalogue::mark_lowest_found_as_global() {
  double lowest = INFINITY;
  for (const NamedMinimum& m : minima_) lowest = std::min(lowest, m.value);
  const double tolerance = 1e-9 * std::max(1.0, std::abs(lowest));
  for (NamedMinimum& m : minima_) m.global = m.value <= lowest + tolerance;
}

}  // namespace losscape
