#include "engine/app/bench.hpp"

#include "engine/app/batch.hpp"

#include "engine/platform/gl_context.hpp"
#include "engine/render/render_target.hpp"
#include "engine/render/scene_renderer.hpp"

#include "engine/app/picture.hpp"
#include "engine/render/png_writer.hpp"

#include <algorithm>
#include <filesystem>
#include <chrono>
#include <cstdio>
#include <vector>

namespace losscape {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

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

// F12 without the panel: the picture drawn offscreen (4x multisampled, overlay and all), then the
// PNG encoded and written: key press to file complete. Prints each size's median of three.
std::string bench_screenshots(SceneRenderer& renderer, const Simulation& simulation, const Scene& scene,
                              const OrbitCamera& camera, RenderOptions options) {
  options.msaa_samples = 4;
  PictureMaker pictures;
  const std::string path = (std::filesystem::temp_directory_path() / "losscape-bench-screenshot.png").string();
  std::string figures;
  for (const auto& [width, height] : {std::pair(1920, 1080), std::pair(3840, 2160)}) {
    std::vector<double> picture_ms, file_ms;
    for (int repeat = 0; repeat < 3; ++repeat) {
      const auto start = Clock::now();
      PictureSettings settings;
      settings.width = width;
      settings.height = height;
      Image image;
      std::string error;
      if (!pictures.make(renderer, simulation, scene, camera, options, settings, image, error)) return figures;
      picture_ms.push_back(ms_since(start));
      const auto encode = Clock::now();
      write_png(path, image);
      file_ms.push_back(ms_since(encode));
    }
    const double picture = percentile(picture_ms, 0.5), file = percentile(file_ms, 0.5);
    std::printf("screenshot %dx%d: picture %.0f ms + PNG %.0f ms = %.0f ms from key press to file complete\n", width,
                height, picture, file, picture + file);
    char figure[64];
    std::snprintf(figure, sizeof figure, " screenshot_%d_ms=%.0f", height, picture + file);
    figures += figure;
  }
  std::filesystem::remove(path);
  return figures;
}

}  // namespace

int run_bench(const Options& options, const Scene& scene) {
  const auto launch = Clock::now();
  std::unique_ptr<Simulation> simulation;
  if (std::string error = build_simulation(scene, {}, simulation); !error.empty()) {
    std::fprintf(stderr, "losscape: %s\n", error.c_str());
    return 1;
  }
  std::string error;
  auto context = HeadlessContext::create(error);
  if (!context) {
    std::fprintf(stderr, "losscape: %s\n", error.c_str());
    return 1;
  }
  SceneRenderer renderer;
  if (error = renderer.init(); !error.empty()) {
    std::fprintf(stderr, "losscape: %s\n", error.c_str());
    return 1;
  }
  const RenderOptions render_options = render_options_for(scene, true);
  renderer.set_cost(simulation->cost(), render_options);
  if (error = paint_basin_overlay(scene, *simulation, renderer); !error.empty()) {
    std::fprintf(stderr, "losscape: %s\n", error.c_str());
    return 1;
  }
  RenderTarget target;
  if (!target.resize(options.width, options.height, render_options.msaa_samples, error)) {
    std::fprintf(stderr, "losscape: %s\n", error.c_str());
    return 1;
  }
  const OrbitCamera camera = initial_camera(scene, simulation->cost());
  const long long frames = options.frames.value_or(300);
  std::vector<double> frame_ms, sim_ms, scene_ms;
  double first_frame_ms = 0.0;
  for (long long i = 0; i < frames; ++i) {
    const auto frame_start = Clock::now();
    simulation->advance(1.0 / 60.0);
    sim_ms.push_back(ms_since(frame_start));
    const auto scene_start = Clock::now();
    target.bind_for_scene();
    renderer.render(*simulation, camera, options.width, options.height, render_options);
    target.resolve();
    glFinish();  // count the GPU's (here: llvmpipe's) work, not just command submission
    scene_ms.push_back(ms_since(scene_start));
    frame_ms.push_back(ms_since(frame_start));
    if (i == 0) first_frame_ms = ms_since(launch);
  }
  std::printf("%s, %s, %dx%d, %lld frames, %zu balls, %dx MSAA\n", current_gl_description().c_str(),
              simulation->cost().name().c_str(), options.width, options.height, frames, simulation->balls().size(),
              render_options.msaa_samples);
  std::printf("launch to first frame: %.1f ms\n", first_frame_ms);
  const std::string screenshots = bench_screenshots(renderer, *simulation, scene, camera, render_options);
  std::printf("bench: size=%dx%d frames=%lld median_ms=%.2f p95_ms=%.2f sim_ms=%.3f scene_ms=%.2f ui_ms=%.2f%s\n",
              options.width, options.height, frames, percentile(frame_ms, 0.5), percentile(frame_ms, 0.95),
              mean(sim_ms), mean(scene_ms), 0.0, screenshots.c_str());
  return 0;
}

}  // namespace losscape
