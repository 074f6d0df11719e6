// The soak: the interactive app (panel, legend, trails and all) on an offscreen screen, with a
// swarm of a thousand balls rolling for ten minutes of simulated time, exactly 1/60 s a frame.
// Prints, for each simulated minute, the resident memory and the median frame time, then the
// peak resident memory and one machine-readable line. Both should stay flat: trails are ring
// buffers, loss histories thin themselves out, the GPU's trail rings are laid out once. Exits 1
// when the resident memory after the last minute is more than --tolerance-mb above its value
// after the first (the warm-up: buffers laid out, shaders compiled, rings filled). A benchmark,
// not a test (it takes minutes); README "Sanitizers, fuzzing and the soak".
//
// The default swarm is the physical ball without friction: it never settles, so every trail keeps
// taking points for the whole run (a settled swarm would soak nothing).
#include "engine/app/cli/command_line_scene.hpp"
#include "engine/app/window/interactive_app.hpp"
#include "engine/platform/gl_context.hpp"

#include <CLI/CLI.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <vector>

using namespace losscape;

namespace {

double resident_mb() {
  long total_pages = 0, resident_pages = 0;
  std::ifstream("/proc/self/statm") >> total_pages >> resident_pages;
  return static_cast<double>(resident_pages) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double peak_resident_mb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// The value below which `share` of the times lie (0.5: the median).
double quantile(std::vector<double> times, double share) {
  const auto at = static_cast<std::ptrdiff_t>(share * static_cast<double>(times.size() - 1));
  std::nth_element(times.begin(), times.begin() + at, times.end());
  return times[static_cast<std::size_t>(at)];
}

std::size_t rolling(const Simulation& simulation) {
  return static_cast<std::size_t>(std::count_if(simulation.balls().begin(), simulation.balls().end(),
                                                [](const Ball& b) { return b.status == BallStatus::running; }));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"The soak: a swarm rolling for minutes of simulated time in the interactive app, offscreen; "
               "prints resident memory and frame time each simulated minute",
               "bench_soak"};
  int minutes = 10;
  double tolerance_mb = 8.0;
  Options options;
  options.optimizer = "ball";
  options.swarm = 1000;
  options.size = "640x360";
  cli.add_option("--minutes", minutes, "simulated minutes (3600 frames each)")
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  cli.add_option("--tolerance-mb", tolerance_mb, "growth of resident memory after minute 1 that fails the soak")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  cli.add_option("--swarm", options.swarm, "balls in the swarm")->capture_default_str()->check(CLI::Range(1, 10000));
  cli.add_option("--function", options.function, "cost function or formula")->capture_default_str();
  cli.add_option("--optimizer", options.optimizer, "the swarm's optimizer")->capture_default_str();
  cli.add_option("--param", options.params, "KEY=VALUE (default for the ball: friction=0, so it never settles)");
  cli.add_option("--size", options.size, "the offscreen screen, WIDTHxHEIGHT")->capture_default_str();
  CLI11_PARSE(cli, argc, argv);
  if (options.params.empty() && options.optimizer == "ball") options.params = {"friction=0"};

  const auto fail = [](const std::string& error) {
    std::fprintf(stderr, "bench_soak: %s\n", error.c_str());
    return 1;
  };
  const auto size = parse_size(options.size);
  if (!size) return fail(size.error());
  options.width = size->x;
  options.height = size->y;
  const auto scene = scene_from_options(options);
  if (!scene) return fail(scene.error());
  auto created = InteractiveApp::create_offscreen(options, Presentation(*scene), options.width, options.height);
  if (!created) return fail(created.error());
  const std::unique_ptr<InteractiveApp> app = std::move(*created);
  constexpr int kFramesPerMinute = 60 * 60;
  std::printf("%s; %s, %zu balls (%s), %dx%d, %d simulated minutes of %d frames\n", current_gl_description().c_str(),
              app->simulation().cost().name().c_str(), app->simulation().balls().size(), options.optimizer.c_str(),
              options.width, options.height, minutes, kFramesPerMinute);
  std::vector<double> frame_ms, first_minute_ms;
  double first_minute_mb = 0.0, last_mb = 0.0;
  for (int minute = 1; minute <= minutes; ++minute) {
    frame_ms.clear();
    const std::clock_t cpu_start = std::clock();  // every thread's: what other work on the machine leaves alone
    for (int frame = 0; frame < kFramesPerMinute; ++frame) {
      const auto start = std::chrono::steady_clock::now();
      app->frame();
      glFinish();  // the GPU's (llvmpipe's) work too, not only its submission
      frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC / kFramesPerMinute;
    last_mb = resident_mb();
    if (minute == 1) first_minute_mb = last_mb, first_minute_ms = frame_ms;
    std::printf(
        "minute %2d: resident %7.1f MB, frame median %6.2f ms, p95 %6.2f ms, CPU %6.2f ms a frame, %zu balls rolling\n",
        minute, last_mb, quantile(frame_ms, 0.5), quantile(frame_ms, 0.95), cpu_ms, rolling(app->simulation()));
    std::fflush(stdout);
  }
  std::printf("peak resident memory: %.1f MB; after minute 1 the resident memory changed by %+.1f MB\n",
              peak_resident_mb(), last_mb - first_minute_mb);
  const bool flat = last_mb - first_minute_mb <= tolerance_mb;
  std::printf("soak: minutes=%d frames=%d balls=%zu size=%dx%d rss_minute1_mb=%.1f rss_last_mb=%.1f peak_rss_mb=%.1f "
              "median_ms_minute1=%.2f median_ms_last=%.2f tolerance_mb=%.1f result=%s\n",
              minutes, minutes * kFramesPerMinute, app->simulation().balls().size(), options.width, options.height,
              first_minute_mb, last_mb, peak_resident_mb(), quantile(first_minute_ms, 0.5), quantile(frame_ms, 0.5),
              tolerance_mb, flat ? "pass" : "fail");
  if (!flat) {
    std::fprintf(stderr, "bench_soak: resident memory grew by %.1f MB after minute 1 (tolerance %.1f MB)\n",
                 last_mb - first_minute_mb, tolerance_mb);
    return 1;
  }
  return 0;
}
