#pragma once
// What the benchmark needs to tell the GPU's time from the CPU's: GPU timestamps through a
// frame, and a queue of frames in flight that lets the CPU build the next frame while the
// GPU still draws the last, as a window's swap chain does.
#include "engine/render/gl_resources.hpp"

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace losscape {

// Where a frame's GPU time goes: a timestamp at each mark (GL_TIMESTAMP), read back once the
// frame is done; the time from one mark to the next is put down to the second mark's name.
// Marks cost a null check where no timeline is set (everywhere but the benchmark).
class GpuTimeline {
 public:
  // `name`: a string literal (kept as a pointer until the frame ends).
  void mark(const char* name);
  // A mark that ends a stretch the GPU spent waiting for the CPU: left out of the times.
  void resume() { mark(nullptr); }
  // After the frame's last mark and a glFinish: adds this frame's times to the totals.
  void end_frame();
  // Each stretch's mean milliseconds a frame, in the order first marked.
  std::vector<std::pair<std::string, double>> means() const;

 private:
  std::vector<gl::Query> queries_;  // reused from frame to frame
  std::vector<const char*> names_;  // this frame's marks
  std::vector<std::pair<std::string, double>> totals_;
  int frames_ = 0;
};

// At most `depth` frames queued on the GPU: after each frame, wait for the one `depth` frames back.
class FramesInFlight {
 public:
  explicit FramesInFlight(int depth) : depth_(depth) {}
  ~FramesInFlight();
  FramesInFlight(const FramesInFlight&) = delete;
  FramesInFlight& operator=(const FramesInFlight&) = delete;
  void frame_submitted();
  void wait_for_all();

 private:
  void wait_for_oldest();
  int depth_;
  std::deque<GLsync> fences_;
};

}  // namespace losscape
