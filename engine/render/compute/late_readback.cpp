#include "engine/render/compute/late_readback.hpp"

#include "engine/render/compute/storage_buffers.hpp"

namespace losscape {

void LateReadback::copy(const gl::Buffer& source, std::size_t offset) {
  if (in_flight_ == kInFlight) take_oldest();  // waits: the GPU is kInFlight copies behind
  Slot& slot = slots_[(oldest_ + in_flight_) % kInFlight];
  if (!slot.buffer) slot.buffer = storage_buffer(sizeof(std::uint32_t), nullptr, GL_STREAM_READ);
  glBindBuffer(GL_COPY_READ_BUFFER, source.id());
  glBindBuffer(GL_COPY_WRITE_BUFFER, slot.buffer.id());
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, static_cast<GLintptr>(offset), 0,
                      sizeof(std::uint32_t));
  glBindBuffer(GL_COPY_READ_BUFFER, 0);
  glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
  slot.fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
  ++in_flight_;
}

std::optional<std::uint32_t> LateReadback::newest() {
  while (in_flight_ > 0) {
    // Timeout 0: only asks. The flush sends the fence on its way, so it passes without another
    // GL call to push it.
    const GLenum state = glClientWaitSync(slots_[oldest_].fence, GL_SYNC_FLUSH_COMMANDS_BIT, 0);
    if (state != GL_ALREADY_SIGNALED && state != GL_CONDITION_SATISFIED) break;
    take_oldest();
  }
  return std::exchange(arrived_, std::nullopt);
}

void LateReadback::take_oldest() {
  Slot& slot = slots_[oldest_];
  constexpr GLuint64 kOneSecond = 1'000'000'000;
  while (glClientWaitSync(slot.fence, GL_SYNC_FLUSH_COMMANDS_BIT, kOneSecond) == GL_TIMEOUT_EXPIRED) {
  }
  glDeleteSync(slot.fence);
  slot.fence = nullptr;
  oldest_ = (oldest_ + 1) % kInFlight;
  --in_flight_;
  std::uint32_t value = 0;
  read_buffer(slot.buffer, 0, &value, sizeof value);
  arrived_ = value;
}

void LateReadback::drop() {
  arrived_.reset();
  for (; in_flight_ > 0; --in_flight_, oldest_ = (oldest_ + 1) % kInFlight) {
    glDeleteSync(slots_[oldest_].fence);
    slots_[oldest_].fence = nullptr;
  }
}

}  // namespace losscape
