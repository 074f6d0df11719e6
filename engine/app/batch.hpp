#pragma once
// Non-interactive runs: --steps, --export-trajectories, --headless, --screenshot.
#include "engine/app/options.hpp"
#include "engine/app/scene_setup.hpp"

namespace losscape {

// Runs the command line's batch job; returns the process exit code.
int run_batch(const Options& options, const SceneSpec& spec);

// --basins / --basins-csv: compute the map of the spec's first optimizer (step limit: --steps,
// default 1000), write what was asked, print the summary. Returns the exit code.
int run_basins(const Options& options, const SceneSpec& spec);

// --show-basins for a picture: computes the map of the scene's first optimizer (--grid starts a
// side, all cores) before rendering, paints it on the terrain and names the simulation's minima
// after it. Returns an error or empty.
std::string paint_basin_overlay(const Options& options, const SceneSpec& spec, Simulation& simulation,
                                SceneRenderer& renderer, RenderOptions& render_options);

// True when the options ask for a batch job rather than the window.
bool wants_batch(const Options& options);

}  // namespace losscape
