// What building the automatic terrain mesh costs for each built-in function: f sampled on the
// probe and the finest grid, every patch's level errors and the index lists (all but the GPU
// upload, which is one buffer copy). Prints figures; not a test. Run: build/tests/bench_terrain
#include "engine/core/builtin_functions.hpp"
#include "engine/render/terrain/terrain_patches.hpp"
#include "engine/render/terrain/terrain_samples.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace losscape;

namespace {

struct Cost {
  double wall_ms = 0.0, cpu_ms = 0.0;
};

// The median of 3 builds, wall-clock and this process's CPU time (the machine may be shared).
Cost build_cost(const CostFunction& cost, int& size) {
  std::vector<double> wall, cpu;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    const TerrainGeometry geometry = terrain_geometry(cost, std::nullopt, std::nullopt);
    const TerrainPatches patches(geometry.samples.grid, geometry.layout);
    cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    size = geometry.layout.size;
  }
  std::sort(wall.begin(), wall.end()), std::sort(cpu.begin(), cpu.end());
  return {wall[1], cpu[1]};
}

}  // namespace

int main() {
  std::printf("%-18s %6s %9s %9s\n", "function", "finest", "wall ms", "CPU ms");
  for (const std::string& name : builtin_function_names()) {
    int size = 0;
    const Cost c = build_cost(*make_builtin_function(name), size);
    std::printf("%-18s %6d %9.1f %9.1f\n", name.c_str(), size, c.wall_ms, c.cpu_ms);
  }
  return 0;
}
