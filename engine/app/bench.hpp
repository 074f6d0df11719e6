#pragma once
// --bench: render the scene headless for a fixed number of frames and print frame-time figures.
#include "engine/app/options.hpp"
#include "engine/app/scene_setup.hpp"

namespace losscape {

int run_bench(const Options& options, const Scene& scene);

}  // namespace losscape
