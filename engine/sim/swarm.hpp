#pragma once
// Where the balls of a swarm start: a grid, uniform random points, or a Latin hypercube over the
// domain. Random layouts are reproducible from their seed on every platform (the standard
// library's distributions are not: each implementation may draw differently).
#include "engine/core/cost_function.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace losscape {

enum class SwarmLayout { grid, random, latin_hypercube };

struct SwarmSpec {
  std::size_t count = 400;
  SwarmLayout layout = SwarmLayout::random;
  std::uint64_t seed = 1;
  bool operator==(const SwarmSpec&) const = default;
};

inline constexpr std::size_t kMaxSwarm = 1000000;
// Swarms up to this size are Ball members of the Simulation, with trails; larger ones run on a
// SwarmAccelerator (swarm_accelerator.hpp): the GPU where the process has one, else the CPU's
// lockstep lanes (lane_swarm.hpp) where the method has them, else as Ball members; where, in one
// line (Simulation::swarm_note).
inline constexpr std::size_t kLargestBallSwarm = 10000;
inline bool swarm_beyond_balls(std::size_t count) { return count > kLargestBallSwarm; }

const char* to_string(SwarmLayout layout);  // "grid", "random", "lhs"
// "grid", "random" or "lhs" (also "latin-hypercube"); false when unknown.
bool parse_swarm_layout(const std::string& text, SwarmLayout& out);

// `count` starts inside `domain`. A grid is the nearest rows x columns to count that keeps the
// cells square-ish, at cell centres (so it may hold a few fewer than count); a Latin hypercube
// has exactly one start in each of count equal columns and in each of count equal rows.
std::vector<glm::dvec2> swarm_starts(SwarmLayout layout, std::size_t count, const Domain& domain, std::uint64_t seed);

}  // namespace losscape
