#include "engine/app/frame_sink.hpp"

#include "engine/render/png_writer.hpp"
#include "engine/scene/path_exists.hpp"

#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace losscape {
namespace {

namespace fs = std::filesystem;

// Frames queue up to a few deep for one writer thread: drawing the next frame overlaps writing
// the last, and a slow writer holds the recorder back rather than filling memory.
class QueuedSink : public FrameSink {
 public:
  bool write(Image frame, std::string& error) override {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return queue_.size() < kDepth || !error_.empty(); });
    if (!error_.empty()) {
      error = error_;
      return false;
    }
    queue_.push_back(std::move(frame));
    ready_.notify_one();
    return true;
  }
  bool finish(std::string& error) override {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    ready_.notify_one();
    if (worker_.joinable()) worker_.join();
    std::string closing;
    const bool closed = close(closing);
    error = !error_.empty() ? error_ : closing;
    return error_.empty() && closed;
  }

 protected:
  void start() {
    worker_ = std::thread([this] { run(); });
  }
  // On the writer thread: write one frame; false with `error` set on failure.
  virtual bool consume(const Image& frame, std::string& error) = 0;
  // After the last frame: close what was written to.
  virtual bool close(std::string& error) = 0;
  void stop_worker() {
    if (!worker_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    ready_.notify_one();
    worker_.join();
  }

 private:
  static constexpr std::size_t kDepth = 3;
  void run() {
    for (;;) {
      Image frame;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return done_ || !queue_.empty(); });
        if (queue_.empty()) return;
        frame = std::move(queue_.front());
        queue_.pop_front();
      }
      room_.notify_one();
      std::string error;
      if (!consume(frame, error)) {
        std::lock_guard lock(mutex_);
        error_ = error;
        queue_.clear();
        room_.notify_all();
        return;
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<Image> queue_;
  std::string error_;
  bool done_ = false;
  std::thread worker_;
};

class PngSequence final : public QueuedSink {
 public:
  explicit PngSequence(fs::path folder) : folder_(std::move(folder)) { start(); }
  ~PngSequence() override { stop_worker(); }

 private:
  bool consume(const Image& frame, std::string& error) override {
    char name[32];
    std::snprintf(name, sizeof name, "frame-%05d.png", ++count_);
    error = write_png((folder_ / name).string(), frame);
    return error.empty();
  }
  bool close(std::string&) override { return true; }

  fs::path folder_;
  int count_ = 0;
};

// ffmpeg reading raw RGBA frames on its standard input. Started with fork and exec, not a shell,
// so no path needs quoting; its messages go to a temporary file, for the error if it fails.
class FfmpegPipe final : public QueuedSink {
 public:
  static std::unique_ptr<FfmpegPipe> open(const std::vector<std::string>& arguments, const std::string& path,
                                          std::string& error) {
    std::unique_ptr<FfmpegPipe> sink(new FfmpegPipe());
    sink->path_ = path;
    char log_name[] = "/tmp/losscape-ffmpeg-XXXXXX";
    const int log = mkstemp(log_name);
    int fds[2];
    if (log < 0 || pipe(fds) != 0) {
      error = "cannot record " + path + ": " + std::strerror(errno);
      if (log >= 0) ::close(log), unlink(log_name);
      return nullptr;
    }
    sink->log_ = log_name;
    std::vector<char*> argv;
    argv.reserve(arguments.size() + 1);
    for (const std::string& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t child = fork();
    if (child == 0) {
      dup2(fds[0], STDIN_FILENO);
      dup2(log, STDERR_FILENO);
      const int null = ::open("/dev/null", O_WRONLY);
      if (null >= 0) dup2(null, STDOUT_FILENO);
      ::close(fds[0]), ::close(fds[1]), ::close(log);
      execvp(argv[0], argv.data());
      _exit(127);
    }
    ::close(fds[0]);
    ::close(log);
    if (child < 0) {
      ::close(fds[1]);
      error = "cannot record " + path + ": cannot start ffmpeg: " + std::strerror(errno);
      return nullptr;
    }
    sink->child_ = child;
    sink->pipe_ = fds[1];
    sink->start();
    return sink;
  }
  ~FfmpegPipe() override {
    stop_worker();
    std::string ignored;
    close(ignored);
    if (!log_.empty()) unlink(log_.c_str());
  }

 private:
  FfmpegPipe() { std::signal(SIGPIPE, SIG_IGN); }  // ffmpeg quitting must not kill us: write() reports it

  bool consume(const Image& frame, std::string& error) override {
    const auto* data = reinterpret_cast<const char*>(frame.rgba.data());
    std::size_t left = frame.rgba.size();
    while (left > 0) {
      const ssize_t n = ::write(pipe_, data, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error = failure("ffmpeg stopped reading frames");
        return false;
      }
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    return true;
  }

  bool close(std::string& error) override {
    if (pipe_ >= 0) ::close(pipe_), pipe_ = -1;
    if (child_ <= 0) return true;
    int status = 0;
    while (waitpid(child_, &status, 0) < 0 && errno == EINTR) {
    }
    child_ = -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
    error = failure(WIFEXITED(status) && WEXITSTATUS(status) == 127 ? "ffmpeg could not be started" : "ffmpeg failed");
    return false;
  }

  // "cannot record PATH: what (ffmpeg's last line)".
  std::string failure(const std::string& what) const {
    std::ifstream in(log_);
    std::string line, last;
    while (std::getline(in, line)) {
      if (!line.empty()) last = line;
    }
    return "cannot record " + path_ + ": " + what + (last.empty() ? "" : " (" + last + ")");
  }

  std::string path_, log_;
  pid_t child_ = -1;
  int pipe_ = -1;
};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

bool recording_format(const std::string& path, RecordingFormat& out, std::string& error) {
  const std::string extension = lower(fs::path(path).extension().string());
  if (extension == ".mp4") {
    out = RecordingFormat::mp4;
  } else if (extension == ".gif") {
    out = RecordingFormat::gif;
  } else if (extension.empty() || path.back() == '/' || is_folder(path)) {
    out = RecordingFormat::png_sequence;
  } else {
    error = "cannot record " + path + ": unknown format '" + extension +
            "' (use .mp4 for a video, .gif for an animation, or a folder for numbered PNG frames)";
    return false;
  }
  return true;
}

bool ffmpeg_available() {
  const char* paths = std::getenv("PATH");
  std::stringstream folders(paths ? paths : "/usr/bin:/bin");
  for (std::string folder; std::getline(folders, folder, ':');) {
    if (!folder.empty() && access((fs::path(folder) / "ffmpeg").c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::unique_ptr<FrameSink> open_frame_sink(const std::string& path, RecordingFormat format, int width, int height,
                                           int fps, std::string& error) {
  if (format == RecordingFormat::png_sequence) {
    std::error_code failed;
    fs::create_directories(path, failed);
    if (failed || !is_folder(path)) {
      error = "cannot record into " + path + ": " + (failed ? failed.message() : "not a folder");
      return nullptr;
    }
    return std::make_unique<PngSequence>(path);
  }
  if (!ffmpeg_available()) {
    error = "cannot record " + path +
            ": ffmpeg is not installed (sudo apt-get install ffmpeg), or record PNG frames "
            "into a folder instead: --record frames/";
    return nullptr;
  }
  {  // A bad path is reported by us, plainly, before ffmpeg starts.
    std::ofstream probe(path, std::ios::binary | std::ios::app);
    if (!probe) {
      error = "cannot record " + path + ": " + std::strerror(errno);
      return nullptr;
    }
  }
  std::vector<std::string> arguments = {"ffmpeg",
                                        "-hide_banner",
                                        "-loglevel",
                                        "error",
                                        "-y",
                                        "-f",
                                        "rawvideo",
                                        "-pix_fmt",
                                        "rgba",
                                        "-s",
                                        std::to_string(width) + "x" + std::to_string(height),
                                        "-r",
                                        std::to_string(fps),
                                        "-i",
                                        "-",
                                        "-an"};
  if (format == RecordingFormat::mp4) {
    // H.264 in yuv420p plays everywhere (PowerPoint, browsers), which needs even sizes.
    for (const char* a : {"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", "veryfast", "-crf",
                          "18", "-pix_fmt", "yuv420p", "-movflags", "+faststart"}) {
      arguments.emplace_back(a);
    }
  } else {
    // One palette for the whole animation, made from every frame first: crisp and small.
    for (const char* a :
         {"-vf", "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=4", "-loop",
          "0"}) {
      arguments.emplace_back(a);
    }
  }
  arguments.push_back(path);
  return FfmpegPipe::open(arguments, path, error);
}

}  // namespace losscape
