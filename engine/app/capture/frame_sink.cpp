#include "engine/app/capture/frame_sink.hpp"

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
  Status write(Image frame) override {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return queue_.size() < kDepth || !error_.empty(); });
    if (!error_.empty()) {
      return Error{error_};
    }
    queue_.push_back(std::move(frame));
    ready_.notify_one();
    return {};
  }
  Status finish() override {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    ready_.notify_one();
    if (worker_.joinable()) worker_.join();
    const Status closed = close();
    if (!error_.empty()) return Error{error_};
    return closed;
  }

 protected:
  void start() {
    worker_ = std::thread([this] { run(); });
  }
  // On the writer thread: write one frame.
  virtual Status consume(const Image& frame) = 0;
  // After the last frame: close what was written to.
  virtual Status close() = 0;
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
      if (Status consumed = consume(frame); !consumed) {
        std::lock_guard lock(mutex_);
        error_ = consumed.error();
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
  Status consume(const Image& frame) override {
    char name[32];
    std::snprintf(name, sizeof name, "frame-%05d.png", ++count_);
    return write_png((folder_ / name).string(), frame);
  }
  Status close() override { return {}; }

  fs::path folder_;
  int count_ = 0;
};

// ffmpeg reading raw RGBA frames on its standard input. Started with fork and exec, not a shell,
// so no path needs quoting; its messages go to a temporary file, for the error if it fails.
class FfmpegPipe final : public QueuedSink {
 public:
  static Result<std::unique_ptr<FfmpegPipe>> open(const std::vector<std::string>& arguments, const std::string& path) {
    std::unique_ptr<FfmpegPipe> sink(new FfmpegPipe());
    sink->path_ = path;
    char log_name[] = "/tmp/losscape-ffmpeg-XXXXXX";
    const int log = mkstemp(log_name);
    int fds[2];
    if (log < 0 || pipe(fds) != 0) {
      Error error{"cannot record " + path + ": " + std::strerror(errno)};
      if (log >= 0) ::close(log), unlink(log_name);
      return error;
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
      return Error{"cannot record " + path + ": cannot start ffmpeg: " + std::strerror(errno)};
    }
    sink->child_ = child;
    sink->pipe_ = fds[1];
    sink->start();
    return sink;
  }
  ~FfmpegPipe() override {
    stop_worker();
    static_cast<void>(close());  // the destructor of a recording never finished: nobody to tell
    if (!log_.empty()) unlink(log_.c_str());
  }

 private:
  FfmpegPipe() { std::signal(SIGPIPE, SIG_IGN); }  // ffmpeg quitting must not kill us: write() reports it

  Status consume(const Image& frame) override {
    const auto* data = reinterpret_cast<const char*>(frame.rgba.data());
    std::size_t left = frame.rgba.size();
    while (left > 0) {
      const ssize_t n = ::write(pipe_, data, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        return Error{failure("ffmpeg stopped reading frames")};
      }
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    return {};
  }

  Status close() override {
    if (pipe_ >= 0) ::close(pipe_), pipe_ = -1;
    if (child_ <= 0) return {};
    int status = 0;
    while (waitpid(child_, &status, 0) < 0 && errno == EINTR) {
    }
    child_ = -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    return Error{
        failure(WIFEXITED(status) && WEXITSTATUS(status) == 127 ? "ffmpeg could not be started" : "ffmpeg failed")};
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

Result<RecordingFormat> recording_format(const std::string& path) {
  const std::string extension = lower(fs::path(path).extension().string());
  if (extension == ".mp4") return RecordingFormat::mp4;
  if (extension == ".gif") return RecordingFormat::gif;
  if (extension.empty() || path.back() == '/' || is_folder(path)) return RecordingFormat::png_sequence;
  return Error{"cannot record " + path + ": unknown format '" + extension +
               "' (use .mp4 for a video, .gif for an animation, or a folder for numbered PNG frames)"};
}

bool ffmpeg_available() {
  const char* paths = std::getenv("PATH");
  std::stringstream folders(paths ? paths : "/usr/bin:/bin");
  for (std::string folder; std::getline(folders, folder, ':');) {
    if (!folder.empty() && access((fs::path(folder) / "ffmpeg").c_str(), X_OK) == 0) return true;
  }
  return false;
}

Result<std::unique_ptr<FrameSink>> open_frame_sink(const std::string& path, RecordingFormat format, int width,
                                                   int height, int fps) {
  if (format == RecordingFormat::png_sequence) {
    std::error_code failed;
    fs::create_directories(path, failed);
    if (failed || !is_folder(path)) {
      return Error{"cannot record into " + path + ": " + (failed ? failed.message() : "not a folder")};
    }
    return std::make_unique<PngSequence>(path);
  }
  if (!ffmpeg_available()) {
    return Error{"cannot record " + path +
                 ": ffmpeg is not installed (sudo apt-get install ffmpeg), or record PNG frames "
                 "into a folder instead: --record frames/"};
  }
  {  // A bad path is reported by us, plainly, before ffmpeg starts.
    std::ofstream probe(path, std::ios::binary | std::ios::app);
    if (!probe) {
      return Error{"cannot record " + path + ": " + std::strerror(errno)};
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
  auto pipe = FfmpegPipe::open(arguments, path);
  if (!pipe) return Error{pipe.error()};
  return std::move(*pipe);
}

}  // namespace losscape
