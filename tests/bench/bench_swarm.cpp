// Big swarms on the CPU (issue 19): a million members of gd and of Adam on Himmelblau, as Ball members
// (one object each, stepped one by one) and in the lockstep lanes (engine/sim/lane_swarm.hpp), in one
// run: milliseconds per solver step and the resident memory each takes. Prints; not a test.
// Run: build/tests/bench_swarm [MEMBERS] (default 1000000).
// build/tests/bench_swarm --methods [MEMBERS]: every method with lanes, in the lanes only, steps
// taken at once: what each method's rule costs a member, beside gradient descent's.
#include "engine/core/builtin_functions.hpp"
#include "engine/sim/lane_swarm.hpp"
#include "engine/sim/simulation.hpp"
#include "engine/sim/swarm.hpp"

#if !defined(__EMSCRIPTEN__)
#include <malloc.h>
#endif

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

using namespace losscape;

namespace {

// The process's resident memory, in MB (/proc/self/statm's second field, in pages); in the
// browser build (scripts/test-web.sh --bench runs it in node) the WebAssembly memory's size.
double resident_mb() {
#if defined(__EMSCRIPTEN__)
  return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0 / 1e6;
#else
  std::ifstream statm("/proc/self/statm");
  double pages = 0.0, resident = 0.0;
  statm >> pages >> resident;
  return resident * 4096.0 / 1e6;
#endif
}

constexpr std::size_t kSteps = 20;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Row {
  double frame_ms, batch_ms, memory_mb;  // a step at a time (the window), all at once (--steps)
  unsigned threads;
  std::size_t running;
};

// The swarm built, then `steps` steps a step at a time, as the window's frames take them
// (Simulation::step_all), and `steps` more at once, as --steps and Python take them
// (Simulation::run_steps), each timed.
Row measure(const std::shared_ptr<const CostFunction>& cost, const std::vector<glm::dvec2>& starts,
            const Optimizer& method, bool lanes, std::size_t steps) {
#if !defined(__EMSCRIPTEN__)
  malloc_trim(0);  // what the last row freed goes back, so this row's growth is its own
#endif
  const double before = resident_mb();
  SimulationSettings settings;
  settings.swarm_lanes = lanes;
  Simulation simulation(cost, settings);
  simulation.add_swarm(starts, method);
  simulation.step_all();  // the first touch of every page is not a step's cost
  Row row{};
  row.memory_mb = resident_mb() - before;
  const auto* lane_swarm = dynamic_cast<const LaneSwarm*>(simulation.swarm_accelerator());
  row.threads = lane_swarm ? lane_swarm->threads() : 1;
  auto started = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < steps; ++i) simulation.step_all();
  row.frame_ms = 1e3 * seconds_since(started) / static_cast<double>(steps);
  started = std::chrono::steady_clock::now();
  simulation.run_steps(steps);
  row.batch_ms = 1e3 * seconds_since(started) / static_cast<double>(steps);
  row.running = simulation.swarm_counts().running;
  return row;
}

// --methods: each method with lanes at a learning rate small enough that every member runs
// through the timed steps (a step's cost is the rule's, not fewer members'), its defaults else.
int each_method(const std::shared_ptr<const CostFunction>& cost, const std::vector<glm::dvec2>& starts) {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) < 0) load[0] = -1.0;
  std::printf("bench_swarm --methods: %zu members on Himmelblau, lanes only, %zu steps at once, load average %.2f "
              "before\n",
              starts.size(), kSteps, load[0]);
  std::string figures;
  unsigned threads = 1;
  for (const std::string& name : optimizer_names()) {
    auto method = make_optimizer(name);
    if (!method->lanes()) continue;
    static_cast<void>(method->set_parameter("lr", 1e-4));  // every method with lanes has one
    const Row lanes = measure(cost, starts, *method, true, kSteps);
    threads = lanes.threads;
    const double ns = 1e6 * lanes.batch_ms / static_cast<double>(starts.size());
    std::printf("  %-18s %6.2f ms a step, %5.2f ns a member-step (running after: %zu)\n", name.c_str(), lanes.batch_ms,
                ns, lanes.running);
    char figure[64];
    std::snprintf(figure, sizeof figure, " %s_ms=%.2f", name.c_str(), lanes.batch_ms);
    figures += figure;
  }
  if (getloadavg(load, 3) < 0) load[0] = -1.0;
  std::printf("bench_swarm: members=%zu threads=%u%s load_after=%.2f\n", starts.size(), threads, figures.c_str(),
              load[0]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool methods = argc > 1 && std::string(argv[1]) == "--methods";
  const int count_arg = methods ? 2 : 1;
  const std::size_t count = argc > count_arg ? std::strtoull(argv[count_arg], nullptr, 10) : kMaxSwarm;
  const std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
  const std::vector<glm::dvec2> starts = swarm_starts(SwarmLayout::random, count, cost->domain(), 1);
  if (methods) return each_method(cost, starts);
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) < 0) load[0] = -1.0;
  std::printf("bench_swarm: %zu members on Himmelblau from random starts, %zu steps a step at a time (the window) / "
              "%zu at once (--steps), load average %.2f before\n",
              count, kSteps, kSteps, load[0]);
  std::string figures;
  // Learning rates at which every member runs through the timed steps (none converges yet).
  for (const auto& [name, lr] : {std::pair<const char*, double>{"gd", 0.0005}, {"adam", 0.01}}) {
    auto method = make_optimizer(name);
    static_cast<void>(method->set_parameter("lr", lr));  // in range
    const Row balls = measure(cost, starts, *method, false, kSteps);
    const Row lanes = measure(cost, starts, *method, true, kSteps);
    std::printf("  %-4s lr %-6g Ball members: %6.2f / %6.2f ms a step, %6.1f MB; lanes (%u threads): %6.2f / %6.2f ms "
                "a step, %6.1f MB (running after: %zu, %zu)\n",
                name, lr, balls.frame_ms, balls.batch_ms, balls.memory_mb, lanes.threads, lanes.frame_ms,
                lanes.batch_ms, lanes.memory_mb, balls.running, lanes.running);
    char row[240];
    std::snprintf(row, sizeof row,
                  " %s_balls_ms=%.2f/%.2f %s_balls_mb=%.0f %s_lanes_ms=%.2f/%.2f %s_lanes_mb=%.0f %s_threads=%u", name,
                  balls.frame_ms, balls.batch_ms, name, balls.memory_mb, name, lanes.frame_ms, lanes.batch_ms, name,
                  lanes.memory_mb, name, lanes.threads);
    figures += row;
  }
  if (getloadavg(load, 3) < 0) load[0] = -1.0;
  std::printf("bench_swarm: members=%zu%s load_after=%.2f\n", count, figures.c_str(), load[0]);
}
