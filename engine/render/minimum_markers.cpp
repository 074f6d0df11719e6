#include "engine/render/minimum_markers.hpp"

#include <cmath>

namespace losscape {

std::vector<MinimumMarker> minimum_markers(const Simulation& simulation, const TerrainMapping& mapping,
                                           float ball_radius) {
  std::vector<MinimumMarker> markers;
  const CostFunction& cost = simulation.cost();
  const MinimumCatalogue& minima = simulation.minima();
  for (std::size_t i = 0; i < minima.size(); ++i) {
    const NamedMinimum& m = minima[i];
    if (!mapping.domain().contains(m.position)) continue;
    const double f = cost.value(m.position);
    if (!std::isfinite(f)) continue;
    MinimumMarker marker;
    marker.index = i;
    marker.ground = mapping.world(m.position, f);
    // Gold for the global minimum: the one a student should hope to reach.
    marker.colour = m.global ? glm::vec3(1.0f, 0.78f, 0.18f)
                             : m.known ? glm::vec3(0.88f, 0.9f, 0.95f) : glm::vec3(0.55f, 0.85f, 1.0f);
    marker.head_radius = (m.global ? 0.75f : 0.5f) * ball_radius;
    marker.head = marker.ground + glm::vec3(0.0f, (m.global ? 3.2f : 2.4f) * ball_radius, 0.0f);
    markers.push_back(marker);
  }
  return markers;
}

}  // namespace losscape
