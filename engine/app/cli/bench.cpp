#include "engine/app/cli/bench.hpp"

#include "engine/app/cli/print_error.hpp"
#include "engine/app/window/interactive_app.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/render/gpu_timing.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <vector>

namespace losscape {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the whole process (every thread: llvmpipe's too) since it started. Other work on a
// shared machine stretches wall-clock times; this it leaves alone.
double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

std::string multisampling(int samples) {
  if (samples > 0) return std::to_string(samples) + "x multisampling";
  return current_gl_is_software() ? "no multisampling (software OpenGL; --msaa 4 for it)" : "no multisampling";
}

int fail(const std::string& error) {
  print_error(error);
  return 1;
}

}  // namespace

std::chrono::steady_clock::time_point launch_time() {
  static const auto start = Clock::now();  // first called from main's first line
  return start;
}

namespace {

// Each frame's stages, timed (the app waits for the GPU after each stage so that its time is its
// own), and the CPU time after the first frame, which builds the terrain and compiles shaders.
struct MeasuredFrames {
  std::vector<double> total, simulation, scene, ui;
  double first_frame_ms = 0.0, first_frame_cpu_ms = 0.0, frame_cpu_ms = 0.0;
};

MeasuredFrames measure_frames(InteractiveApp& app, long long frames) {
  MeasuredFrames m;
  app.measure_frames(true);
  for (long long i = 0; i < frames; ++i) {
    app.frame();
    if (i == 0) m.first_frame_ms = ms_since(launch_time()), m.first_frame_cpu_ms = cpu_ms();
    const auto& t = app.last_frame_times();
    m.total.push_back(t.total), m.simulation.push_back(t.simulation), m.scene.push_back(t.scene), m.ui.push_back(t.ui);
  }
  m.frame_cpu_ms = frames > 1 ? (cpu_ms() - m.first_frame_cpu_ms) / static_cast<double>(frames - 1) : 0.0;
  app.measure_frames(false);
  return m;
}

// The frames above wait for the GPU after each stage. A window does not: the CPU builds the next
// frame while the GPU draws the last, up to a swap chain's depth ahead. The same number of frames
// again, that way: on a GPU the frame rate a window without vsync would reach; on software OpenGL,
// where the CPU does both, about the same. Milliseconds a frame.
double pipelined_frame_ms(InteractiveApp& app, long long frames) {
  FramesInFlight in_flight(2);
  const auto start = Clock::now();
  for (long long i = 0; i < frames; ++i) {
    app.frame();
    in_flight.frame_submitted();
  }
  in_flight.wait_for_all();
  return frames > 0 ? ms_since(start) / static_cast<double>(frames) : 0.0;
}

// F12 without the panel, as a lecturer takes it: the picture, then the PNG written by the
// writer's thread; key press to file complete. The median of three at each size, printed, and as
// the bench line's figures (" screenshot_1080_ms=...").
std::string time_screenshots(InteractiveApp& app) {
  const auto folder = std::filesystem::temp_directory_path() / "losscape-bench";
  std::filesystem::create_directories(folder);
  std::string figures;
  for (const int size : {2, 3}) {  // kPictureSizes: 1920x1080, 3840x2160
    std::vector<double> times;
    for (int repeat = 0; repeat < 3; ++repeat) {
      const auto start = Clock::now();
      const std::string path = app.screenshot_now(size, false, false, folder.string());
      app.wait_for_files();
      times.push_back(ms_since(start));
      std::filesystem::remove(path);
    }
    const PictureSize& picture = kPictureSizes[size];
    std::printf("screenshot %dx%d: %.0f ms from key press to file complete\n", picture.width, picture.height,
                percentile(times, 0.5));
    char figure[48];
    std::snprintf(figure, sizeof figure, " screenshot_%d_ms=%.0f", picture.height, percentile(times, 0.5));
    figures += figure;
  }
  return figures;
}

}  // namespace

int run_bench(const Options& options, Presentation presentation) {
  auto created = InteractiveApp::create_offscreen(options, std::move(presentation), options.width, options.height);
  if (!created) return fail(created.error());
  InteractiveApp& app = **created;
  const long long frames = options.frames.value_or(300);
  const MeasuredFrames m = measure_frames(app, frames);
  const double pipelined_ms = pipelined_frame_ms(app, frames);
  const double fps = pipelined_ms > 0.0 ? 1000.0 / pipelined_ms : 0.0;
  std::printf("%s, %s, %dx%d, %lld frames, %zu balls (%zu in a swarm), %s\n", current_gl_description().c_str(),
              app.simulation().cost().name().c_str(), options.width, options.height, frames,
              app.simulation().balls().size(), app.simulation().swarm_size(),
              multisampling(app.msaa_samples()).c_str());
  std::printf("frame: median %.2f ms, 95th percentile %.2f ms (simulation %.3f, scene %.2f, UI %.2f ms on average); "
              "CPU %.2f ms a frame, all threads\n",
              percentile(m.total, 0.5), percentile(m.total, 0.95), mean(m.simulation), mean(m.scene), mean(m.ui),
              m.frame_cpu_ms);
  // The GPU's stages: the UI's, and the scene's (every other).
  const std::vector<std::pair<std::string, double>> stages = app.gpu_timeline().means();
  double gpu_scene_ms = 0.0, gpu_ui_ms = 0.0;
  for (const auto& [stage, ms] : stages) (stage == "UI" ? gpu_ui_ms : gpu_scene_ms) += ms;
  std::printf("GPU time a frame: scene %.2f ms, UI %.2f ms on average (GL timestamps):", gpu_scene_ms, gpu_ui_ms);
  for (const auto& [stage, ms] : stages) std::printf(" %s %.3f;", stage.c_str(), ms);
  std::printf("\n");
  std::printf("frames in flight (up to 2 queued, as in a window): %.2f ms a frame, %.0f frames per second\n",
              pipelined_ms, fps);
  std::printf("launch to first frame: %.0f ms (CPU %.0f ms, all threads)\n", m.first_frame_ms, m.first_frame_cpu_ms);
  const SceneRenderer::TerrainStats terrain = app.terrain_stats();
  std::printf("terrain: %s, finest grid %dx%d (%zu vertices), %zu triangles in the last frame\n",
              terrain.automatic ? "automatic levels of detail" : "uniform mesh", terrain.size, terrain.size,
              terrain.vertices, terrain.triangles);
  const std::string figures = time_screenshots(app);
  std::printf("bench: size=%dx%d frames=%lld median_ms=%.2f p95_ms=%.2f sim_ms=%.3f scene_ms=%.2f ui_ms=%.2f "
              "cpu_ms=%.2f gpu_scene_ms=%.2f gpu_ui_ms=%.2f pipelined_ms=%.2f fps=%.0f first_frame_ms=%.0f "
              "first_frame_cpu_ms=%.0f%s terrain_triangles=%zu\n",
              options.width, options.height, frames, percentile(m.total, 0.5), percentile(m.total, 0.95),
              mean(m.simulation), mean(m.scene), mean(m.ui), m.frame_cpu_ms, gpu_scene_ms, gpu_ui_ms, pipelined_ms, fps,
              m.first_frame_ms, m.first_frame_cpu_ms, figures.c_str(), terrain.triangles);
  return 0;
}

}  // namespace losscape
