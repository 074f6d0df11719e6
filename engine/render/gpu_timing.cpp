#include "engine/render/gpu_timing.hpp"

#include <algorithm>

namespace losscape {

#ifdef __EMSCRIPTEN__
// WebGL2 has no GPU timestamps: the browser's benchmark times whole frames on the CPU.
void GpuTimeline::mark(const char* /*name*/) {}
void GpuTimeline::end_frame() {}
#else
void GpuTimeline::mark(const char* name) {
  if (names_.size() == queries_.size()) queries_.push_back(gl::make_query());
  glQueryCounter(queries_[names_.size()].id(), GL_TIMESTAMP);
  names_.push_back(name);
}

void GpuTimeline::end_frame() {
  GLuint64 previous = 0;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    GLuint64 now = 0;
    glGetQueryObjectui64v(queries_[i].id(), GL_QUERY_RESULT, &now);
    if (i > 0 && names_[i]) {
      const double ms = static_cast<double>(now - previous) * 1e-6;
      auto total = std::find_if(totals_.begin(), totals_.end(), [&](const auto& t) { return t.first == names_[i]; });
      if (total == totals_.end()) total = totals_.insert(totals_.end(), {names_[i], 0.0});
      total->second += ms;
    }
    previous = now;
  }
  if (names_.size() > 1) ++frames_;
  names_.clear();
}

#endif

std::vector<std::pair<std::string, double>> GpuTimeline::means() const {
  std::vector<std::pair<std::string, double>> out = totals_;
  for (auto& [name, ms] : out) ms /= std::max(frames_, 1);
  return out;
}

FramesInFlight::~FramesInFlight() {
  for (GLsync fence : fences_) glDeleteSync(fence);
}

void FramesInFlight::frame_submitted() {
  fences_.push_back(glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0));
  while (static_cast<int>(fences_.size()) > depth_) wait_for_oldest();
}

void FramesInFlight::wait_for_all() {
  while (!fences_.empty()) wait_for_oldest();
}

void FramesInFlight::wait_for_oldest() {
  constexpr GLuint64 kOneSecond = 1'000'000'000;
  // Flush, so the fence is on its way to the GPU and the wait cannot be a wait for ever.
  while (glClientWaitSync(fences_.front(), GL_SYNC_FLUSH_COMMANDS_BIT, kOneSecond) == GL_TIMEOUT_EXPIRED) {
  }
  glDeleteSync(fences_.front());
  fences_.pop_front();
}

}  // namespace losscape
