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
#include <vector>

namespace losscape {

class SpriteCells {
 public:
  // Forgets every cell, keeping the table's room (a frame of a million members fills it again).
  void clear();
  // False when the cell of `p` (cubes `radius / cells_per_radius` wide) already holds a sprite of
  // this `kind`; else marks it and says true. Kinds (16 bits) tell apart sprites that share a cell
  // but not a look: a ball's is its colour in 5-6-5 bits (rgb565).
  bool first_in_cell(glm::vec3 p, float radius, float cells_per_radius, std::uint16_t kind = 0) {
    return first(key(p, radius, cells_per_radius, kind));
  }
  // The same in two parts, for many sprites at once: each one's key, a hint to fetch its slot
  // (prefetch), then first(key) in the sprites' order. A million members' table is 32 MB, and
  // each insert's slot a miss in every cache: fetched a few dozen at a time, the misses overlap
  // (a million inserts 3 times faster). The answers are first_in_cell's.
  static std::uint64_t key(glm::vec3 p, float radius, float cells_per_radius, std::uint16_t kind = 0) {
    const auto cell = [&](float v) {
      // 16 bits a coordinate, wrapping: cells 65,536 apart share a key, far more than the box
      // holds. Clamped first, as a cast of what an integer cannot hold (a diverged ball, NaN)
      // is undefined.
      double c = std::floor(v / radius * cells_per_radius);
      if (!(c > -1e9)) c = -1e9;
      c = std::min(c, 1e9);
      return static_cast<std::uint64_t>(static_cast<std::int64_t>(c)) & 0xffff;
    };
    return cell(p.x) | cell(p.y) << 16 | cell(p.z) << 32 | std::uint64_t{kind} << 48;
  }
  void prefetch(std::uint64_t key) const;
  bool first(std::uint64_t key);  // true when `key` was not there yet, and now is
  static std::uint16_t rgb565(glm::vec3 colour) {
    const glm::vec3 c = glm::clamp(colour, 0.0f, 1.0f);
    return static_cast<std::uint16_t>(static_cast<unsigned>(std::lround(c.r * 31.0f)) << 11 |
                                      static_cast<unsigned>(std::lround(c.g * 63.0f)) << 5 |
                                      static_cast<unsigned>(std::lround(c.b * 31.0f)));
  }

 private:
  // An open-addressing table, not std::unordered_set: that allocated a node a cell, an eighth of
  // a frame's CPU at a million members. A slot holds a key this frame when its stamp is the
  // frame's generation, so clear() writes nothing.
  void grow();
  struct Slot {  // a key and its stamp side by side: one cache miss a probe, not two
    std::uint64_t key = 0;
    std::uint32_t stamp = 0;
  };
  std::vector<Slot> slots_;
  std::uint32_t generation_ = 1;
  std::size_t size_ = 0;
};

}  // namespace losscape
