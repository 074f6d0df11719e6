#include "engine/render/sprite_cells.hpp"

#include "engine/core/random.hpp"

namespace losscape {

void SpriteCells::clear() {
  size_ = 0;
  if (++generation_ == 0) {  // after 4 billion frames: every stamp is stale again
    for (Slot& slot : slots_) slot.stamp = 0;
    generation_ = 1;
  }
}

void SpriteCells::prefetch(std::uint64_t key) const {
  // Where first() starts probing; a hint only (a grow() before first() makes it a wasted fetch).
  if (!slots_.empty()) __builtin_prefetch(&slots_[mix_bits(key) & (slots_.size() - 1)]);
}

bool SpriteCells::first(std::uint64_t key) {
  if (2 * (size_ + 1) > slots_.size()) grow();  // at most half full: probes stay short
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = mix_bits(key) & mask;; i = (i + 1) & mask) {
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
    if (slot.stamp == live) first(slot.key);
  }
}

}  // namespace losscape
