#include "engine/render/sprite_cells.hpp"

namespace losscape {
namespace {

// splitmix64's finaliser: neighbouring cells' keys differ in a few low bits of each coordinate.
std::uint64_t mix(std::uint64_t k) {
  k = (k ^ (k >> 30)) * 0xbf58476d1ce4e5b9ULL;
  k = (k ^ (k >> 27)) * 0x94d049bb133111ebULL;
  return k ^ (k >> 31);
}

}  // namespace

void SpriteCells::clear() {
  size_ = 0;
  if (++generation_ == 0) {  // after 4 billion frames: every stamp is stale again
    for (Slot& slot : slots_) slot.stamp = 0;
    generation_ = 1;
  }
}

bool SpriteCells::insert(std::uint64_t key) {
  if (2 * (size_ + 1) > slots_.size()) grow();  // at most half full: probes stay short
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.stamp != generation_) {
      slot = {key, generation_};
      ++size_;
      return true;
    }
    if (slot.key == key) return false;
  }
}

void SpriteCells::grow() {
  const std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(1024, 2 * old.size()), Slot{});
  const std::uint32_t live = generation_;
  generation_ = 1;
  size_ = 0;
  for (const Slot& slot : old) {
    if (slot.stamp == live) insert(slot.key);
  }
}

}  // namespace losscape
