#pragma once
// Non-interactive runs: --steps, --export-trajectories, --headless, --screenshot.
#include "engine/app/options.hpp"
#include "engine/app/picture.hpp"
#include "engine/app/scene_setup.hpp"

namespace losscape {

// Runs the command line's batch job; returns the process exit code.
int run_batch(const Options& options, const Scene& scene);

// --basins / --basins-csv: compute the map of the spec's first optimizer (step limit: --steps,
// default 1000), write what was asked, print the summary. Returns the exit code.
int run_basins(const Options& options, const Scene& scene);

// A picture with the basin map shown (--show-basins, a scene's "basins"): computes the map of the
// scene's analysis optimizer (all cores) before rendering, paints it on the terrain and names the
// simulation's minima after it. Does nothing when the scene does not show it. Returns an error.
std::string paint_basin_overlay(const Scene& scene, Simulation& simulation, SceneRenderer& renderer);

// The picture the options ask for: --size, --no-overlay, --transparent.
PictureSettings picture_settings(const Options& options);

// True when the options ask for a batch job rather than the window.
bool wants_batch(const Options& options);

}  // namespace losscape
