// Opening a loss-landscape surface file (issue 17's goal: a 101 x 101 file and its first frame in
// under 1 s): the file read and its interpolant built (the median of 20, and of 20 with a log
// height and a clamp), then, once, what `losscape FILE.h5` does before the first picture is there:
// the scene built from the file, the app made on an offscreen EGL surface (the context, shaders,
// fonts), the first frame drawn and finished. Prints figures; not a test. One GL context a process,
// so the first frame is measured once: run it a few times for a range.
// Run: build/tests/bench_loss_surface [FILE.h5] [--size WxH] [--picture FIRST.png]
#include "engine/app/cli/command_line_scene.hpp"
#include "engine/app/window/interactive_app.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/scene/loss_surface_h5.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <vector>

using namespace losscape;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// The median wall-clock time of 20 loads (the machine may be shared: the median, not the mean).
Result<double> median_load_ms(const std::string& path, const SurfaceHeight& height) {
  std::vector<double> ms;
  for (int run = 0; run < 20; ++run) {
    const auto start = Clock::now();
    auto surface = load_loss_surface_h5(path, "train_loss", height);
    if (!surface) return Error{surface.error()};
    ms.push_back(ms_since(start));
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

int run(int argc, char** argv) {
  const auto launch = Clock::now();
  CLI::App cli{"Opening a loss-surface file: its interpolant, and the first frame headless (EGL)",
               "bench_loss_surface"};
  std::string path = std::string(LOSSCAPE_SOURCE_DIR) + "/tests/bench/data/loss-surface-101x101.h5";
  Options options;
  cli.add_option("file", path, "a loss-surface file (default: the 101 x 101 one in tests/bench/data)");
  cli.add_option("--size", options.size, "the offscreen screen, WIDTHxHEIGHT")->capture_default_str();
  std::string picture;
  cli.add_option("--picture", picture, "write the first frame to PATH.png, to see what was timed");
  CLI11_PARSE(cli, argc, argv);
  const auto fail = [](const std::string& error) {
    std::fprintf(stderr, "bench_loss_surface: %s\n", error.c_str());
    return 1;
  };
  const auto size = parse_size(options.size);
  if (!size) return fail(size.error());

  const auto load_ms = median_load_ms(path, {});
  if (!load_ms) return fail(load_ms.error());
  const auto shaped_ms = median_load_ms(path, {SurfaceScale::log, 5.0});
  if (!shaped_ms) return fail(shaped_ms.error());

  // As `losscape FILE.h5` opens it; the clock starts again, so the loads above are not counted.
  const auto start = Clock::now();
  const double cpu_start = cpu_ms();
  options.function = "h5:" + path;
  const auto scene = scene_from_options(options);
  if (!scene) return fail(scene.error());
  auto created = InteractiveApp::create_offscreen(options, Presentation(*scene), size->x, size->y);
  if (!created) return fail(created.error());
  const std::unique_ptr<InteractiveApp> app = std::move(*created);
  const double app_ms = ms_since(start);
  app->frame();
  glFinish();  // llvmpipe's drawing too, not only its submission
  const double first_frame_ms = ms_since(start), first_frame_cpu_ms = cpu_ms() - cpu_start;
  if (!picture.empty() && !write_png(picture, app->offscreen()->read_frame())) return fail("cannot write " + picture);
  // ImGui lays a new window out hidden on its first frame: the panel is there from the second.
  const auto second = Clock::now();
  app->frame();
  glFinish();
  const double with_panel_ms = first_frame_ms + ms_since(second);

  const Domain d = app->simulation().cost().domain();
  std::printf("%s; %s, %g..%g x %g..%g, %dx%d\n", current_gl_description().c_str(),
              app->simulation().cost().title().c_str(), d.x_min, d.x_max, d.y_min, d.y_max, size->x, size->y);
  std::printf("file read and interpolant built: %.2f ms (median of 20); with a log height and a clamp: %.2f ms\n",
              *load_ms, *shaped_ms);
  std::printf("open to first frame: %.0f ms (the app and its EGL surface %.0f ms, then the first frame; CPU %.0f ms, "
              "all threads); with the panel (the second frame): %.0f ms\n",
              first_frame_ms, app_ms, first_frame_cpu_ms, with_panel_ms);
  std::printf("bench_loss_surface: load_ms=%.2f load_log_clamp_ms=%.2f app_ms=%.0f first_frame_ms=%.0f "
              "first_frame_cpu_ms=%.0f with_panel_ms=%.0f process_ms=%.0f\n",
              *load_ms, *shaped_ms, app_ms, first_frame_ms, first_frame_cpu_ms, with_panel_ms, ms_since(launch));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // a bad_alloc, or the standard library's own
    std::fprintf(stderr, "bench_loss_surface: %s\n", e.what());
    return 1;
  }
}
