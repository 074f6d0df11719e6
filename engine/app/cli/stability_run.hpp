#pragma once
// --stability and --compare: the command line's analysis of hyperparameters, with no GL.
#include "engine/app/cli/options.hpp"
#include "engine/scene/scene.hpp"

namespace losscape {

// --stability / --stability-csv: the map of the scene's first optimizer from its first start over
// --axes (else the scene's render.stability; --grid cells a side, default 128; --steps the limit,
// default 1000; --eps), written as asked, with its summary printed. Returns the exit code (2 for bad --axes or --grid).
int run_stability(const Options& options, const Scene& scene);

// --compare: every optimizer of the scene (--race) on each of --compare-functions (default the
// scene's function) from each start (--start, else each function's own), at its best learning
// rate of a log grid; writes PATH.csv and the table PATH.md (PATH without .csv, then .md) and
// prints the table. Returns the exit code.
int run_compare(const Options& options, const Scene& scene);

}  // namespace losscape
