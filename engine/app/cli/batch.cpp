#include "engine/app/cli/batch.hpp"

#include "engine/app/capture/basin_output.hpp"
#include "engine/app/capture/picture.hpp"
#include "engine/app/capture/recording.hpp"
#include "engine/app/cli/print_error.hpp"
#include "engine/core/one_line.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/render/compute/use_gpu_swarms.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/scene/external_solver.hpp"
#include "engine/scene/trajectory_csv.hpp"
#include "engine/session/session.hpp"
#include "engine/sim/basins.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace losscape {
namespace {

constexpr double kFrameSeconds = 1.0 / 60.0;
constexpr long long kDefaultHeadlessFrames = 150;  // 2.5 s: long enough to show a trail

int fail(const std::string& message) {
  print_error(message);
  return 1;
}

int fail(const Status& status) { return fail(status.error()); }

// A value that is zero but for rounding (-1.1e-09 for a minimum at 0) printed as 0.
double tidy(double v) { return std::abs(v) < 1e-7 ? 0.0 : v; }

void print_summary(const Simulation& simulation) {
  const auto& balls = simulation.balls();
  for (std::size_t i = 0; i < balls.size(); ++i) {
    const Ball& b = balls[i];
    if (b.swarm) continue;  // summed up below
    std::printf("ball %zu (%s): %zu steps, x=%.10g y=%.10g f=%.10g |grad f|=%.3g, %s\n", i, b.optimizer->name().c_str(),
                b.steps, b.position.x, b.position.y, b.value, glm::length(b.gradient), status_text(b));
  }
  const SwarmCounts swarm = simulation.swarm_counts();
  if (swarm.total == 0) return;
  const double n = static_cast<double>(swarm.total);
  std::printf("swarm of %zu:", swarm.total);
  // The most reached minima first; on Rastrigin there are a hundred, so the rest are summed up.
  std::vector<std::size_t> order;
  for (std::size_t m = 0; m < swarm.per_minimum.size(); ++m) {
    if (swarm.per_minimum[m]) order.push_back(m);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return swarm.per_minimum[a] > swarm.per_minimum[b]; });
  constexpr std::size_t kListed = 8;
  std::size_t rest = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t m = order[k];
    if (k >= kListed) {
      rest += swarm.per_minimum[m];
      continue;
    }
    const NamedMinimum& minimum = simulation.minima()[m];
    std::printf(" %.1f%% at (%.4g, %.4g)%s;", 100.0 * static_cast<double>(swarm.per_minimum[m]) / n,
                tidy(minimum.position.x), tidy(minimum.position.y), minimum.global ? " global" : "");
  }
  if (order.size() > kListed)
    std::printf(" %.1f%% at %zu other minima;", 100.0 * static_cast<double>(rest) / n, order.size() - kListed);
  std::printf(" %.1f%% running, %.1f%% diverged, %.1f%% other\n", 100.0 * static_cast<double>(swarm.running) / n,
              100.0 * static_cast<double>(swarm.diverged) / n, 100.0 * static_cast<double>(swarm.other) / n);
}

// Each solver process that failed, one line each on stderr; 1 when any did, else 0. The run went
// on without it (the pictures and exports are written), but a script should know.
int report_solver_failures(const Simulation& simulation) {
  int status = 0;
  const auto& balls = simulation.balls();
  for (std::size_t i = 0; i < balls.size(); ++i) {
    const ExternalSolver* solver = as_external_solver(*balls[i].optimizer);
    if (!solver || solver->failure().empty()) continue;
    print_error("ball " + std::to_string(i) + " (solver: " + one_line(solver->command()) + "): " + solver->failure());
    status = 1;
  }
  return status;
}

}  // namespace

Result<BasinMap> compute_scene_basins(const Scene& scene, int grid, std::size_t max_steps, ComputeDevice device,
                                      std::string* ran) {
  // Built (one swarm member at most): that checks the optimizer with its parameters.
  const auto simulation = build_probe_simulation(scene);
  if (!simulation) return Error{simulation.error()};
  BasinSettings settings;
  settings.grid = grid;
  settings.max_steps = max_steps;
  std::string where;
  auto map =
      compute_basins_on(device, (*simulation)->cost(), *(*simulation)->balls().front().optimizer, settings, where);
  if (ran) *ran = where;
  return map;
}

int run_basins(const Options& options, const Scene& scene) {
  std::string ran;
  const auto computed =
      compute_scene_basins(scene, options.grid, options.steps ? static_cast<std::size_t>(*options.steps) : 1000,
                           parse_compute_device(options.basins_device).value_or(ComputeDevice::automatic), &ran);
  if (!computed) return fail(computed.error());
  std::printf("%s\n", ran.c_str());
  const BasinMap& map = *computed;
  print_basin_summary(map);
  if (!options.basins.empty()) {
    if (Status written = write_basin_png(options.basins, map); !written) return fail(written);
    std::printf("wrote %s\n", options.basins.c_str());
  }
  if (!options.basins_csv.empty()) {
    if (Status written = write_basin_csv(options.basins_csv, map); !written) return fail(written);
    std::printf("wrote %s\n", options.basins_csv.c_str());
  }
  return 0;
}

Status paint_basin_overlay(const Scene& scene, Simulation& simulation, SceneRenderer& renderer) {
  if (!basin_map_opacity(scene.view)) return {};
  const auto optimizer = build_optimizer(analysis_optimizer_spec(scene, simulation.cost()));
  if (!optimizer) return Error{optimizer.error()};
  BasinSettings settings;
  settings.grid = scene.view.basin_grid;
  settings.max_steps = scene.view.basin_steps;
  BasinMap map;
  compute_basins(simulation.cost(), **optimizer, settings, map);
  simulation.adopt_minima(map.minima);
  renderer.set_basin_overlay(&map);
  return {};
}

// A big swarm's context, where its swarm may run on the GPU (--swarm-device): opened before
// the session makes the swarm. An error only where gpu was asked for and cannot be had.
Status open_swarm_context(const Scene& scene, const Options& options, HeadlessView& view) {
  if (!swarm_wants_gpu_context(scene)) return {};
  const ComputeDevice device = parse_compute_device(options.swarm_device).value_or(ComputeDevice::automatic);
  auto context = HeadlessContext::create();
  if (!context) return no_gpu_swarms(device, context.error());
  view.context = std::move(*context);
  return use_gpu_swarms_in_this_context(device, current_gl_is_software());
}

void announce_swarm(const Simulation& simulation) {
  if (!simulation.swarm_note().empty()) std::fprintf(stderr, "losscape: %s\n", simulation.swarm_note().c_str());
}

Status open_headless_view(const Scene& scene, Simulation& simulation, HeadlessView& view) {
  if (!view.context) {
    auto context = HeadlessContext::create();
    if (!context) return Error{context.error()};
    view.context = std::move(*context);
  }
  if (Status ready = view.renderer.init(); !ready) return ready;
  view.options = render_options_for(scene, false);
  view.renderer.set_cost(simulation.cost(), view.options);
  return paint_basin_overlay(scene, simulation, view.renderer);
}

PictureSettings picture_settings(const Options& options) {
  PictureSettings settings;
  settings.width = options.width;
  settings.height = options.height;
  settings.overlay = !options.no_overlay;
  settings.transparent = options.transparent;
  return settings;
}

bool wants_batch(const Options& o) {
  return o.headless || !o.screenshot.empty() || !o.export_trajectories.empty() || o.steps || o.frames;
}

int run_batch(const Options& options, const Scene& scene) {
  SimulationSettings settings;
  settings.record_history = !options.export_trajectories.empty();
  HeadlessView view;  // before the session: a GPU swarm's buffers live in its context
  if (Status opened = open_swarm_context(scene, options, view); !opened) return fail(opened);
  const auto session = Session::create(Presentation(scene), settings);
  if (!session) return fail(session.error());
  Simulation* simulation = &(*session)->simulation();
  announce_swarm(*simulation);
  if (options.steps) {
    simulation->run_steps(static_cast<std::size_t>(*options.steps));
  } else {
    const long long frames = options.frames.value_or(kDefaultHeadlessFrames);
    for (long long i = 0; i < frames; ++i) simulation->advance(kFrameSeconds);
  }
  print_summary(*simulation);

  if (!options.export_trajectories.empty()) {
    if (Status written = write_trajectories_csv(options.export_trajectories, *simulation); !written) {
      return fail(written);
    }
    std::printf("wrote %s\n", options.export_trajectories.c_str());
  }

  // A pure computation (--steps/--export-trajectories without a picture) needs no GL at all.
  const bool wants_image = options.headless || !options.screenshot.empty();
  if (!wants_image) return report_solver_failures(*simulation);
  const std::string path = options.screenshot.empty() ? "losscape.png" : options.screenshot;

  if (Status opened = open_headless_view(scene, *simulation, view); !opened) return fail(opened);
  view.options.msaa_samples = options.msaa >= 0 ? options.msaa : 4;
  const OrbitCamera camera = initial_camera(scene, simulation->cost());
  const auto image =
      view.pictures.make(view.renderer, *simulation, scene, camera, view.options, picture_settings(options));
  if (!image) return fail(image.error());
  if (Status written = write_png(path, *image); !written) return fail(written);
  std::printf("wrote %s (%dx%d, %s)\n", path.c_str(), image->width, image->height, view.context->description().c_str());
  return report_solver_failures(*simulation);
}

int run_record(const Options& options, const Scene& scene) {
  HeadlessView view;  // before the session: a GPU swarm's buffers live in its context
  if (Status opened = open_swarm_context(scene, options, view); !opened) return fail(opened);
  const auto session = Session::create(Presentation(scene), {});
  if (!session) return fail(session.error());
  Simulation* simulation = &(*session)->simulation();
  announce_swarm(*simulation);
  RecordingSettings settings;
  settings.path = options.record;
  settings.seconds = options.seconds;
  settings.fps = options.fps;
  settings.width = options.width;
  settings.height = options.height;
  settings.orbit_degrees = options.orbit;
  // Open the output first: a bad path or a missing ffmpeg is said before any work.
  auto started_recording = Recording::start(settings);
  if (!started_recording) return fail(started_recording.error());
  const std::unique_ptr<Recording> recording = std::move(*started_recording);
  if (Status opened = open_headless_view(scene, *simulation, view); !opened) return fail(opened);
  // Recordings on software OpenGL skip multisampling unless asked: it halves their frame rate.
  view.options.msaa_samples = options.msaa >= 0 ? options.msaa : current_gl_is_software() ? 0 : 4;
  const OrbitCamera camera = initial_camera(scene, simulation->cost());
  PictureSettings picture = picture_settings(options);
  picture.transparent = false;  // a video has no alpha
  const auto started = std::chrono::steady_clock::now();
  const int frames = recording->total_frames();
  const Status recorded = record_frames(
      *recording, *simulation, camera,
      [&](const OrbitCamera& frame_camera) {
        return view.pictures.make(view.renderer, *simulation, scene, frame_camera, view.options, picture);
      },
      [&](int frame, int total) {
        std::fprintf(stderr, "\rrecording %s: frame %d of %d (%.0f%%)", one_line(settings.path).c_str(), frame, total,
                     100.0 * frame / total);
      });
  std::fprintf(stderr, "\n");
  if (!recorded) return fail(recorded);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("wrote %s (%d frames of %dx%d at %d fps, %.1f s of simulation) in %.1f s: %.1f frames/s\n",
              settings.path.c_str(), frames, settings.width, settings.height, settings.fps, settings.seconds, seconds,
              frames / std::max(seconds, 1e-9));
  return report_solver_failures(*simulation);
}

}  // namespace losscape
