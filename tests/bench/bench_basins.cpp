// Basin-map throughput (issue 4/8's and 19's figures). Prints; not a test. Run: build/tests/bench_basins
// (--issue: issue 19's rows only; --gpu-4096: the GPU rows with a 4096x4096 map too, bench_basins_gpu.cpp).
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/sim/basins.hpp"
#include "tests/bench/bench_basins_gpu.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

using namespace losscape;

namespace {

void report(const char* what, const BasinMap& map) {
  std::printf("  %-44s %7.3f s  %10.3g point-steps  %8.1f M point-steps/s\n", what, map.seconds,
              static_cast<double>(map.point_steps), static_cast<double>(map.point_steps) / map.seconds / 1e6);
}

// The process's CPU time (every thread's), in seconds: on a shared machine the wall time alone
// says little.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// The issue's configuration (issue 19): 512x512 starts, 1000 gd steps at lr 0.0005 with the
// default step limits, so that nearly every start takes all 1000 steps. The best of `runs`
// (wall time), with the CPU time of that run; returns the wall time.
double issue_row(const char* what, const CostFunction& cost, int runs) {
  auto gd = make_optimizer("gd");
  static_cast<void>(gd->set_parameter("lr", 0.0005));  // in range
  BasinSettings settings;
  settings.grid = 512;
  settings.max_steps = 1000;
  BasinMap map;
  double best = 1e300, best_cpu = 0.0;
  for (int run = 0; run < runs; ++run) {
    const double cpu = cpu_seconds();
    compute_basins(cost, *gd, settings, map);
    if (map.seconds < best) best = map.seconds, best_cpu = cpu_seconds() - cpu;
  }
  std::printf("  %-44s %7.3f s (CPU %.3f s)  %10.3g point-steps  %8.1f M point-steps/s\n", what, best, best_cpu,
              static_cast<double>(map.point_steps), static_cast<double>(map.point_steps) / best / 1e6);
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::printf("issue 19: 512x512 starts x 1000 gd steps at lr 0.0005, default limits, all cores, best of 5:\n");
  auto himmelblau = make_builtin_function("himmelblau");
  formula::CompileError typed_error;
  auto typed_himmelblau = FormulaFunction::create("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", {-5, 5, -5, 5}, typed_error);
  const double issue_builtin = issue_row("built-in Himmelblau (goal: <= 0.1 s)", *himmelblau, 5);
  const formula::JitPath path = typed_himmelblau->jit_path();
  const std::string typed_row = std::string("typed Himmelblau, ") +
                                (path == formula::JitPath::none ? "interpreter" : formula::jit_path_name(path)) +
                                " (goal: <= 1.5x)";
  const double issue_typed = issue_row(typed_row.c_str(), *typed_himmelblau, 5);
  // The same formula through the other paths, side by side (LOSSCAPE_JIT picks the row above's).
  for (const formula::JitPath other : {formula::JitPath::avx2, formula::JitPath::none}) {
    if (other > formula::best_jit_path() || other == path) continue;
    typed_himmelblau->use_jit_path(other);
    issue_row(other == formula::JitPath::none ? "typed Himmelblau, interpreter" : "typed Himmelblau, avx2",
              *typed_himmelblau, 5);
  }
  std::printf("bench_basins: issue_builtin_512_s=%.3f issue_typed_512_s=%.3f typed_path=%s\n", issue_builtin,
              issue_typed, formula::jit_path_name(path));
  if (argc > 1 && std::string(argv[1]) == "--issue") return 0;  // the rows above only

  auto gd = make_optimizer("gd");
  static_cast<void>(gd->set_parameter("lr", 0.001));  // in range
  BasinSettings full;
  full.grid = 512;
  full.max_steps = 1000;
  full.limits.gradient_tolerance = 0.0;  // every start takes all 1000 steps: 262 million point-steps
  std::printf("512x512 starts x 1000 gradient-descent steps, all cores:\n");
  BasinMap map;
  auto builtin = make_builtin_function("himmelblau");
  compute_basins(*builtin, *gd, full, map);
  report("built-in Himmelblau (goal: <= 0.5 s)", map);
  const double builtin_seconds = map.seconds;
  formula::CompileError error;
  auto typed = FormulaFunction::create("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", {-5, 5, -5, 5}, error);
  compute_basins(*typed, *gd, full, map);
  report("typed Himmelblau formula (goal: <= 2 s)", map);
  const double typed_seconds = map.seconds;
  bench_gpu_basins(*gd, full, argc > 1 && std::strcmp(argv[1], "--gpu-4096") == 0);

  std::printf("256x256 default map (lr 0.01, stop at convergence, <= 1000 steps), all cores:\n");
  BasinSettings interactive;
  double worst = 0.0;
  static_cast<void>(gd->set_parameter("lr", 0.01));  // in range
  for (const std::string& name : builtin_function_names()) {
    auto cost = make_builtin_function(name);
    compute_basins(*cost, *gd, interactive, map);
    report(name.c_str(), map);
    worst = std::max(worst, map.seconds);
  }
  std::printf("256x256 default map on Rastrigin, each optimizer with lanes (default parameters), all cores:\n");
  double worst_optimizer = 0.0;
  auto rastrigin = make_builtin_function("rastrigin");
  for (const std::string& name : optimizer_names()) {
    auto optimizer = make_optimizer(name);
    if (!optimizer->lanes()) {
      std::printf("  %-44s one start at a time (not timed here)\n", name.c_str());
      continue;
    }
    compute_basins(*rastrigin, *optimizer, interactive, map);
    report(name.c_str(), map);
    worst_optimizer = std::max(worst_optimizer, map.seconds);
  }
  std::printf("bench_basins: builtin_512_s=%.3f typed_512_s=%.3f worst_256_s=%.3f worst_optimizer_256_s=%.3f\n",
              builtin_seconds, typed_seconds, worst, worst_optimizer);
  return 0;
}
