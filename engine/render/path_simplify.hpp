#pragma once
// Fewer points for a path that looks the same: a software renderer pays for every line segment
// it sets up, and a swarm's thousand trails were mostly segments continuing in a straight line.
#include <glm/vec3.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace losscape {

// The points of `path` to keep so that the line through them passes within `tolerance` of every
// point left out (Douglas-Peucker). The first and last points are always kept; `kept` is replaced
// by their indices, in order.
void simplify_path(std::span<const glm::vec3> path, float tolerance, std::vector<std::uint32_t>& kept);

}  // namespace losscape
