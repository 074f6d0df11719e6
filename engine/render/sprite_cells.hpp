#pragma once
// Which cells of space already hold a sprite this frame, so that sprites piling up in one place
// are drawn once: a swarm's shadows (a cell half a ball wide: overlapping shadows would darken into
// a blot) and a swarm's balls (a cell a sixteenth of a ball wide, per colour: thousands of members
// resting in one minimum lie within a hair of each other, and drawing the first of them gives the
// picture the others would, to a few pixels in millions).
#include <glm/common.hpp>
#include <glm/vec3.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_set>

namespace losscape {

class SpriteCells {
 public:
  void clear() { cells_.clear(); }
  // False when the cell of `p` (cubes `radius / cells_per_radius` wide) already holds a sprite of
  // this `kind`; else marks it and says true. Kinds (16 bits) tell apart sprites that share a cell
  // but not a look: a ball's is its colour in 5-6-5 bits (rgb565).
  bool first_in_cell(glm::vec3 p, float radius, float cells_per_radius, std::uint16_t kind = 0) {
    const auto cell = [&](float v) {
      // 16 bits a coordinate, wrapping: cells 65,536 apart share a key, far more than the box
      // holds. Clamped first, as a cast of what an integer cannot hold (a diverged ball, NaN)
      // is undefined.
      double c = std::floor(v / radius * cells_per_radius);
      if (!(c > -1e9)) c = -1e9;
      c = std::min(c, 1e9);
      return static_cast<std::uint64_t>(static_cast<std::int64_t>(c)) & 0xffff;
    };
    return cells_.insert(cell(p.x) | cell(p.y) << 16 | cell(p.z) << 32 | std::uint64_t{kind} << 48).second;
  }
  static std::uint16_t rgb565(glm::vec3 colour) {
    const glm::vec3 c = glm::clamp(colour, 0.0f, 1.0f);
    return static_cast<std::uint16_t>(static_cast<unsigned>(std::lround(c.r * 31.0f)) << 11 |
                                      static_cast<unsigned>(std::lround(c.g * 63.0f)) << 5 |
                                      static_cast<unsigned>(std::lround(c.b * 31.0f)));
  }

 private:
  std::unordered_set<std::uint64_t> cells_;
};

}  // namespace losscape
