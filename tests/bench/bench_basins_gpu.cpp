// bench_basins' GPU rows (issue 19): the CPU rows' 512x512 maps, and with --gpu-4096 a
// 4096x4096 one, on compute shaders (render/compute/gpu_basins.hpp), in the same run as the CPU
// rows so the two are measured side by side. On llvmpipe the "GPU" is the same two cores running
// a compute shader: the figure is the code path a lent GPU runs, not a GPU's speed.
#include "tests/bench/bench_basins_gpu.hpp"

#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/render/compute/compute_support.hpp"
#include "engine/render/compute/gpu_basins.hpp"

#include <cstdio>

namespace losscape {
namespace {

void report(const char* what, const BasinMap& map) {
  std::printf("  %-44s %7.3f s  %10.3g point-steps  %8.1f M point-steps/s\n", what, map.seconds,
              static_cast<double>(map.point_steps), static_cast<double>(map.point_steps) / map.seconds / 1e6);
}

}  // namespace

void bench_gpu_basins(const Optimizer& gd, const BasinSettings& full, bool with_4096) {
  auto context = HeadlessContext::create();
  if (!context) {
    std::printf("GPU rows: none (%s)\n", context.error().c_str());
    return;
  }
  const ComputeSupport support = query_compute_support();
  if (!support.compute) {
    std::printf("GPU rows: none (%s)\n", support.missing.c_str());
    return;
  }
  std::printf("the same on the GPU (%s%s), double precision:\n", support.renderer.c_str(),
              current_gl_is_software() ? ", software GL: the CPU's cores" : "");
  auto builtin = make_builtin_function("himmelblau");
  formula::CompileError error;
  auto typed = FormulaFunction::create("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", {-5, 5, -5, 5}, error);
  double seconds[2] = {0.0, 0.0};
  const CostFunction* costs[2] = {builtin.get(), typed.get()};
  const char* names[2] = {"built-in Himmelblau on the GPU", "typed Himmelblau formula on the GPU"};
  for (int i = 0; i < 2; ++i) {
    auto map = compute_basins_on_gpu(*costs[i], gd, full);
    if (!map) {
      std::printf("  %s: %s\n", names[i], map.error().c_str());
      return;
    }
    report(names[i], *map);
    seconds[i] = map->seconds;
  }
  double seconds_4096 = 0.0;
  if (with_4096) {
    BasinSettings large = full;
    large.grid = 4096;
    auto map = compute_basins_on_gpu(*builtin, gd, large);
    if (map) {
      report("4096x4096 built-in Himmelblau (goal on a GPU: <= 1 s)", *map);
      seconds_4096 = map->seconds;
    }
  } else {
    std::printf("  4096x4096: run with --gpu-4096 (minutes on llvmpipe)\n");
  }
  std::printf("bench_basins_gpu: renderer=\"%s\" builtin_512_s=%.3f typed_512_s=%.3f builtin_4096_s=%.3f\n",
              support.renderer.c_str(), seconds[0], seconds[1], seconds_4096);
}

}  // namespace losscape
