#pragma once
// --bench: the interactive app itself, on an offscreen surface (panel and legend visible, as a
// lecturer sees it), for a fixed number of frames; prints the median and 95th-percentile frame
// time, the split between simulation, scene and UI, the time from launch to the first frame, and
// how long a screenshot takes from key press to file complete, ending with one machine-readable
// line.
#include "engine/app/cli/options.hpp"
#include "engine/scene/presentation.hpp"

#include <chrono>

namespace losscape {

int run_bench(const Options& options, Presentation presentation);

// When the program started (main's first line), for "launch to first frame".
std::chrono::steady_clock::time_point launch_time();

}  // namespace losscape
