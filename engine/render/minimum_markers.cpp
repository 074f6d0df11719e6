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
    // A pin for the listed minima, gold and larger for the global one: the place a student should
    // hope to reach. A minimum only found (a swarm's, a map's) gets a small dot on the surface:
    // on Rastrigin there are a hundred of them, and pins would hide the terrain.
    if (m.known) {
      marker.colour = m.global ? glm::vec3(1.0f, 0.78f, 0.18f) : glm::vec3(0.88f, 0.9f, 0.95f);
      marker.head_radius = (m.global ? 0.75f : 0.5f) * ball_radius;
      marker.head = marker.ground + glm::vec3(0.0f, (m.global ? 3.2f : 2.4f) * ball_radius, 0.0f);
    } else {
      marker.colour = m.global ? glm::vec3(1.0f, 0.78f, 0.18f) : glm::vec3(0.55f, 0.85f, 1.0f);
      marker.head_radius = 0.3f * ball_radius;
      marker.head = marker.ground + glm::vec3(0.0f, marker.head_radius, 0.0f);
    }
    markers.push_back(marker);
  }
  return markers;
}

}  // namespace losscape
