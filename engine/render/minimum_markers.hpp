#pragma once
// Markers on the terrain for the minima: a pin on every known minimum (the global ones in gold,
// larger), a dot on every minimum a swarm or a basin map found. The renderer draws them; the app asks the same
// list where they are on screen, to say their f value when hovered.
#include "engine/render/terrain/terrain_mapping.hpp"
#include "engine/sim/simulation.hpp"

#include <vector>

namespace losscape {

struct MinimumMarker {
  std::size_t index = 0;   // into Simulation::minima()
  glm::vec3 ground{0.0f};  // on the surface
  glm::vec3 head{0.0f};    // the pin's head, above it (a found minimum's dot sits on the surface)
  float head_radius = 0.0f;
  glm::vec3 colour{1.0f};
};

std::vector<MinimumMarker> minimum_markers(const Simulation& simulation, const TerrainMapping& mapping,
                                           float ball_radius);

}  // namespace losscape
