#include "engine/render/png_writer.hpp"

#include "engine/render/png_encoder.hpp"
#include "engine/sim/worker_threads.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace losscape {

Status write_png(const std::string& path, const Image& image) {
  if (image.width <= 0 || image.height <= 0) return Error{"cannot write " + path + ": the image is empty"};
  // Open first: a bad path is reported before the work of encoding.
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  const std::vector<std::uint8_t> png = encode_png(image);
  file.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  file.close();
  if (!file) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  return {};
}

AsyncPngWriter::AsyncPngWriter() {
  if constexpr (kCanStartThreads) worker_ = std::thread([this] { run(); });
}

AsyncPngWriter::~AsyncPngWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void AsyncPngWriter::submit(std::string path, Image image) {
  if constexpr (!kCanStartThreads) {  // a browser page: written now, on the frame loop
    std::string error = write_png(path, image).error();
    std::lock_guard lock(mutex_);
    finished_.push_back({std::move(path), std::move(error)});
    return;
  }
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(std::move(path), std::move(image));
  }
  wake_.notify_one();
}

std::deque<AsyncPngWriter::Written> AsyncPngWriter::take_finished() {
  std::lock_guard lock(mutex_);
  return std::exchange(finished_, {});
}

void AsyncPngWriter::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void AsyncPngWriter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and every image written
    auto [path, image] = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    std::string error = write_png(path, image).error();
    lock.lock();
    busy_ = false;
    finished_.push_back({path, std::move(error)});
    idle_.notify_all();
  }
}

}  // namespace losscape
