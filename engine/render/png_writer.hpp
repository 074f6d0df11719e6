#pragma once
// PNG files (png_encoder.hpp: every core), and a background writer so that encoding never
// stalls the render loop (where threads can start: in a browser page it writes at once).
#include "engine/render/render_target.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace losscape {

// Writes `image` to `path`; or a one-line error naming the path.
Status write_png(const std::string& path, const Image& image);

class AsyncPngWriter {
 public:
  struct Written {
    std::string path;
    std::string error;  // empty on success
  };

  AsyncPngWriter();
  ~AsyncPngWriter();  // finishes every queued image before returning: nothing is lost
  AsyncPngWriter(const AsyncPngWriter&) = delete;
  AsyncPngWriter& operator=(const AsyncPngWriter&) = delete;

  void submit(std::string path, Image image);
  // Results finished since the last call (for toasts), oldest first.
  std::deque<Written> take_finished();
  void wait_idle();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::deque<std::pair<std::string, Image>> queue_;
  std::deque<Written> finished_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace losscape
