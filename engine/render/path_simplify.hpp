#pragma once
// Fewer points for a path that looks the same: a software renderer pays for every line segment
// it sets up, and a swarm's thousand trails were mostly segments continuing in a straight line.
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace losscape {

// The points of `path` to keep so that the line through them passes within `tolerance` of every
// point left out (Douglas-Peucker). The first and last points are always kept; `kept` is replaced
// by their indices, in order.
void simplify_path(std::span<const glm::vec3> path, float tolerance, std::vector<std::uint32_t>& kept);

// The part of the segment from `a` to `b` that lies inside the box from `lo` to `hi` (bounds
// included) on the axes where `axes` is true, as the fractions of the way from `a` to `b` where
// it starts and ends; none when no part does. A line clipped so draws the pixels that a
// fragment shader's test of each pixel's point against the box would keep, without that test.
std::optional<glm::vec2> clip_segment(glm::vec3 a, glm::vec3 b, glm::vec3 lo, glm::vec3 hi, glm::bvec3 axes);

}  // namespace losscape
