// Throughput of typed formulas against the built-in analytic functions (value + gradient).
// Prints figures; not a test. Run: build/tests/bench_formula
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/batch_evaluator.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/formula/formula_jit.hpp"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace losscape;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Points per second of `body(points)`, best of 5 runs.
template <typename Body>
double throughput(std::size_t points, Body body) {
  double best = 1e30;
  for (int run = 0; run < 5; ++run) {
    const auto start = Clock::now();
    body();
    best = std::min(best, seconds_since(start));
  }
  return static_cast<double>(points) / best;
}

}  // namespace

int main() {
  const std::size_t n = 1 << 20;  // a 1024 x 1024 grid of starts, as the largest basin map
  std::vector<double> xs(n), ys(n), f(n), gx(n), gy(n);
  for (std::size_t i = 0; i < n; ++i) {
    xs[i] = -5.0 + 10.0 * static_cast<double>(i % 1024) / 1023.0;
    ys[i] = -5.0 + 10.0 * static_cast<double>(i / 1024) / 1023.0;
  }
  auto builtin = make_builtin_function("himmelblau");
  formula::CompileError error;
  auto typed = FormulaFunction::create("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", {-5, 5, -5, 5}, error);
  formula::BatchEvaluator batch(typed->program(), typed->parameter_values());

  const double builtin_rate = throughput(n, [&] {
    for (std::size_t i = 0; i < n; ++i) {
      f[i] = builtin->value({xs[i], ys[i]});
      const glm::dvec2 g = builtin->gradient({xs[i], ys[i]});
      gx[i] = g.x;
      gy[i] = g.y;
    }
  });
  const double scalar_rate = throughput(n, [&] {
    for (std::size_t i = 0; i < n; ++i) {
      f[i] = typed->value({xs[i], ys[i]});
      const glm::dvec2 g = typed->gradient({xs[i], ys[i]});
      gx[i] = g.x;
      gy[i] = g.y;
    }
  });
  const double batch_rate =
      throughput(n, [&] { batch.evaluate(xs.data(), ys.data(), n, f.data(), gx.data(), gy.data()); });

  std::printf("value + gradient of Himmelblau, %zu points, one thread:\n", n);
  std::printf("  built-in analytic      %8.1f M points/s\n", builtin_rate / 1e6);
  std::printf("  typed formula, scalar  %8.1f M points/s  (%.2fx the built-in)\n", scalar_rate / 1e6,
              scalar_rate / builtin_rate);
  std::printf("  typed formula, batched %8.1f M points/s  (%.2fx the built-in; goal >= 0.3x)\n", batch_rate / 1e6,
              batch_rate / builtin_rate);

  // The same through evaluate_batch: the built-in's own loop, and the formula's machine code on
  // each path this CPU has (formula_jit.hpp), with the time to compile it.
  const double builtin_batch_rate =
      throughput(n, [&] { builtin->evaluate_batch(xs.data(), ys.data(), n, f.data(), gx.data(), gy.data()); });
  std::printf("  built-in, batched      %8.1f M points/s\n", builtin_batch_rate / 1e6);
  std::string jit_keys;
  for (const formula::JitPath path : {formula::JitPath::avx512, formula::JitPath::avx2}) {
    if (path > formula::best_jit_path()) continue;
    typed->use_jit_path(path);
    const double rate =
        throughput(n, [&] { typed->evaluate_batch(xs.data(), ys.data(), n, f.data(), gx.data(), gy.data()); });
    const int compiles = 1000;
    const auto start = Clock::now();
    for (int i = 0; i < compiles; ++i) static_cast<void>(formula::JitKernel::compile(typed->program(), path));
    const double compile_us = 1e6 * seconds_since(start) / compiles;
    const char* name = formula::jit_path_name(path);
    std::printf("  typed formula, JIT %-6s %6.1f M points/s  (%.2fx the batched built-in; compiled in %.0f us)\n", name,
                rate / 1e6, rate / builtin_batch_rate, compile_us);
    jit_keys += std::string(" jit_") + name + "_mps=" + std::to_string(rate / 1e6).substr(0, 7) + " jit_" + name +
                "_compile_us=" + std::to_string(compile_us).substr(0, 6);
  }

  // The terrain of a typed formula is built on the CPU: 256 x 256 values and gradients.
  const std::size_t terrain = 256 * 256;
  const double terrain_ms = 1e3 * static_cast<double>(terrain) / batch_rate;
  std::printf("  => a 256x256 terrain from the formula: %.2f ms of evaluation (done once per edit)\n", terrain_ms);
  std::printf("bench_formula: builtin_mps=%.1f typed_scalar_mps=%.1f typed_batch_mps=%.1f ratio=%.2f terrain_ms=%.2f "
              "builtin_batch_mps=%.1f%s\n",
              builtin_rate / 1e6, scalar_rate / 1e6, batch_rate / 1e6, batch_rate / builtin_rate, terrain_ms,
              builtin_batch_rate / 1e6, jit_keys.c_str());
  return 0;
}
