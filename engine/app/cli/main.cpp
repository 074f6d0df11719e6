// losscape: parse the command line, then run a batch job or open the window (falling back to
// a headless render when there is no display).
#include "engine/app/cli/batch.hpp"
#include "engine/app/cli/bench.hpp"
#include "engine/app/cli/command_line_scene.hpp"
#include "engine/app/cli/options.hpp"
#include "engine/app/cli/print_error.hpp"
#include "engine/app/cli/stability_run.hpp"
#include "engine/app/window/interactive_app.hpp"
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_jit.hpp"
#include "engine/core/schedule.hpp"
#include "engine/scene/presentation.hpp"

#include <cstdio>
#include <exception>

using namespace losscape;

namespace {

void list_functions() {
  for (const std::string& name : builtin_function_names()) {
    auto f = make_builtin_function(name);
    const Domain d = f->domain();
    std::printf("%-18s %-20s f = %s   domain [%g, %g] x [%g, %g]\n", name.c_str(), f->title().c_str(),
                f->formula().c_str(), d.x_min, d.x_max, d.y_min, d.y_max);
  }
}

void list_optimizers() {
  for (const OptimizerGroup group : optimizer_groups()) {
    const std::vector<std::string> names = optimizer_names_in(group);
    if (names.empty()) continue;
    std::printf("%s:\n", group_title(group));
    for (const std::string& name : names) {
      auto o = make_optimizer(name);
      std::printf("  %-18s %s%s\n", name.c_str(), o->title().c_str(),
                  is_wrapper_name(name) ? ("   (" + name + ":INNER wraps any method above)").c_str() : "");
      for (const ParameterSpec& p : o->parameter_table()) {
        std::printf("      %-15s default %-8g range %s%g, %g]%s  %s\n", p.key.c_str(), p.default_value,
                    p.min_exclusive ? "(" : "[", p.min_value, p.max_value,
                    is_boolean(p) ? " 0/1" : (p.whole ? " whole" : (p.log_scale ? " log" : "")), p.help.c_str());
      }
    }
  }
}

void list_schedules() {
  for (const ScheduleKind& kind : schedule_kinds()) {
    std::printf("%-28s %s\n", kind.name.c_str(), kind.title.c_str());
    for (const ScheduleKey& key : kind.keys) {
      const std::string value = key.required() ? "required" : key.ball_lr ? "optional" : "default " + key.default_value;
      std::printf("    %-16s %-26s %s\n", key.key.c_str(), value.c_str(), key.help.c_str());
    }
  }
}

int run(int argc, char** argv) {
  // The formula JIT's forced path (engine/core/formula/formula_jit.hpp), checked before anything
  // runs: a mistyped value would otherwise quietly mean the interpreter.
  if (const auto& jit = formula::jit_path(); !jit) {
    print_error(jit.error());
    return 2;
  }
  Options options;
  switch (parse_options(argc, argv, options)) {
    case ParseOutcome::exit_success: return 0;
    case ParseOutcome::exit_failure: return 2;
    case ParseOutcome::run: break;
  }
  if (options.list_functions || options.list_optimizers || options.list_schedules) {
    if (options.list_functions) list_functions();
    if (options.list_optimizers) list_optimizers();
    if (options.list_schedules) list_schedules();
    return 0;
  }
  auto made = make_presentation(options);
  if (!made) {
    print_error(made.error());
    return 2;
  }
  Presentation presentation = std::move(*made);
  if (options.bench) return run_bench(options, std::move(presentation));
  if (!options.stability.empty() || !options.stability_csv.empty()) return run_stability(options, presentation.scene());
  if (!options.compare.empty()) return run_compare(options, presentation.scene());
  if (!options.basins.empty() || !options.basins_csv.empty()) return run_basins(options, presentation.scene());
  if (!options.record.empty()) return run_record(options, presentation.scene());
  if (wants_batch(options)) return run_batch(options, presentation.scene());

  auto app = InteractiveApp::create(options, presentation);
  if (!app) {
    // No display (a server, CI, ssh): say so and still produce the picture.
    print_error(app.error() + "; rendering the scene headless to losscape.png instead");
    options.headless = true;
    return run_batch(options, presentation.scene());
  }
  return (*app)->run();
}

}  // namespace

int main(int argc, char** argv) {
  launch_time();  // the clock starts here, for --bench's "launch to first frame"
  // Before anything is allocated: the scene is built (and its simulation's buffers made) before
  // any GL context, whose creation would otherwise be the first to set this (gl_context.hpp).
  keep_freed_memory_for_reuse();
  // Every expected mistake has its own message; this is the net under the ones nobody expected
  // (a library throwing where we did not look), so they still end in one line, not an abort.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    print_error(std::string("unexpected error (please report it): ") + e.what());
    return 1;
  }
}
