#pragma once
// Non-interactive runs: --steps, --export-trajectories, --headless, --screenshot.
#include "engine/app/capture/picture.hpp"
#include "engine/app/cli/basins_device.hpp"
#include "engine/app/cli/options.hpp"
#include "engine/app/scene_view.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/scene/scene_factory.hpp"
#include "engine/sim/basins.hpp"

namespace losscape {

// Runs the command line's batch job; returns the process exit code.
int run_batch(const Options& options, const Scene& scene);

// --basins / --basins-csv: compute the map of the spec's first optimizer (step limit: --steps,
// default 1000), write what was asked, print the summary. Returns the exit code.
int run_basins(const Options& options, const Scene& scene);
// The map --basins computes: the scene's first optimizer from each start of a grid x grid over its
// domain, at most `max_steps` steps each (Python's Scene.basins too), on `device` (`ran`: the line
// saying where it ran). Or why the scene cannot run.
Result<BasinMap> compute_scene_basins(const Scene& scene, int grid, std::size_t max_steps,
                                      ComputeDevice device = ComputeDevice::cpu, std::string* ran = nullptr);

// A picture with the basin map shown (--show-basins, a scene's "basins"): computes the map of the
// scene's analysis optimizer (all cores) before rendering, paints it on the terrain and names the
// simulation's minima after it. Does nothing when the scene does not show it.
Status paint_basin_overlay(const Scene& scene, Simulation& simulation, SceneRenderer& renderer);

// The picture the options ask for: --size, --no-overlay, --transparent.
PictureSettings picture_settings(const Options& options);

// --record: the scene recorded headless, each frame 1/fps of simulated time. Returns the exit code.
int run_record(const Options& options, const Scene& scene);

// The GL side of a headless run: a context, and a renderer set up for the simulation's function
// (with the scene's basin map painted if it shows one).
struct HeadlessView {
  std::unique_ptr<HeadlessContext> context;
  SceneRenderer renderer;
  RenderOptions options;
  PictureMaker pictures;
};
Status open_headless_view(const Scene& scene, Simulation& simulation, HeadlessView& view);

// True when the options ask for a batch job rather than the window.
bool wants_batch(const Options& options);

}  // namespace losscape
