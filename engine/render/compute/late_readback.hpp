#pragma once
// One number a compute shader counts (how many balls or starts still run), read back without
// stalling: reading a buffer the GPU still works on waits for all of that work (a round trip per
// step, which at a million balls, not the arithmetic, bounds a GPU's frame rate). Instead the GPU
// copies the number into one of a few small buffers of its own behind a fence, and the CPU reads
// a copy once its fence has passed: a frame or so later on a GPU, at once on llvmpipe (whose
// dispatches are done when they return). Nothing later touches a copy's buffer until it is read,
// so reading it waits for nothing.
#include "engine/render/gl_resources.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace losscape {

class LateReadback {
 public:
  LateReadback() = default;
  ~LateReadback() { drop(); }
  LateReadback(const LateReadback&) = delete;
  LateReadback& operator=(const LateReadback&) = delete;

  // Queues a copy of the uint at byte `offset` of `source` (after the shader writes it: issue
  // the barrier first). With every copy buffer in flight, waits for the oldest: the CPU then runs
  // kInFlight copies ahead of the GPU, which stays busy with those (no round trip drains it).
  void copy(const gl::Buffer& source, std::size_t offset);
  // The newest copy whose fence has passed, if one has since the last call; waits for nothing.
  std::optional<std::uint32_t> newest();
  // Forgets every copy in flight (the counts they hold are stale).
  void drop();

 private:
  static constexpr std::size_t kInFlight = 4;
  struct Slot {
    gl::Buffer buffer;
    GLsync fence = nullptr;
  };
  // Waits for the oldest copy's fence and reads it into arrived_.
  void take_oldest();
  std::array<Slot, kInFlight> slots_;
  std::optional<std::uint32_t> arrived_;
  std::size_t oldest_ = 0, in_flight_ = 0;  // the queue: slots_[oldest_ ...], in_flight_ long
};

}  // namespace losscape
