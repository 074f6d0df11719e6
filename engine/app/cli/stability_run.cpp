#include "engine/app/cli/stability_run.hpp"

#include "engine/app/capture/stability_output.hpp"
#include "engine/app/cli/print_error.hpp"
#include "engine/core/one_line.hpp"
#include "engine/scene/scene_factory.hpp"
#include "engine/sim/learning_rate_tuning.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace losscape {
namespace {

constexpr int kDefaultStabilityGrid = 128;
constexpr std::size_t kDefaultStepLimit = 1000;

int bad_input(const std::string& message) {
  print_error(message);
  return 2;
}

int failure(const std::string& message) {
  print_error(message);
  return 1;
}

std::size_t step_limit(const Options& options) {
  return options.steps ? static_cast<std::size_t>(*options.steps) : kDefaultStepLimit;
}

std::string point_text(glm::dvec2 p) {
  char text[64];
  std::snprintf(text, sizeof text, "(%g, %g)", p.x, p.y);
  return text;
}

}  // namespace

int run_stability(const Options& options, const Scene& scene) {
  const auto simulation = build_simulation(scene, {});
  if (!simulation) return bad_input(simulation.error());
  const Ball& ball = (*simulation)->balls().front();
  const Optimizer& optimizer = *ball.optimizer;
  // --axes, else the scene's own (render.stability), else lr and the next parameter.
  const std::string given = options.axes.empty() ? scene.view.stability_axes : options.axes;
  auto axes = given.empty() ? default_stability_axes(optimizer) : parse_stability_axes(optimizer, given);
  if (!axes) return bad_input(axes.error());
  StabilitySettings settings;
  settings.axes = *axes;
  settings.grid = options.grid_given ? options.grid : kDefaultStabilityGrid;
  if (settings.grid > kStabilityGridMax) {
    return bad_input("--grid " + std::to_string(settings.grid) + ": a stability map has " +
                     std::to_string(kStabilityGridMin) + " to " + std::to_string(kStabilityGridMax) + " cells a side");
  }
  settings.start = ball.start;
  settings.eps = options.eps;
  settings.max_steps = step_limit(options);
  StabilityMap map;
  compute_stability_map((*simulation)->cost(), optimizer, settings, map);
  std::printf("%s\n", stability_summary(map).c_str());
  const std::string heading =
      optimizer.title() + " on " + (*simulation)->cost().title() + " from " + point_text(settings.start);
  if (!options.stability.empty()) {
    if (Status written = write_stability_png(options.stability, map, heading); !written) {
      return failure(written.error());
    }
    std::printf("wrote %s\n", options.stability.c_str());
  }
  if (!options.stability_csv.empty()) {
    if (Status written = write_stability_csv(options.stability_csv, map); !written) return failure(written.error());
    std::printf("wrote %s\n", options.stability_csv.c_str());
  }
  return 0;
}

namespace {

struct ComparedRun {
  std::string optimizer;  // its name
  TunedRun tuned;
};

struct ComparedCase {
  std::string function;  // its name as given
  std::string title;
  glm::dvec2 start{0.0};
  double f_star = 0.0;
  bool f_star_known = false;
  std::vector<ComparedRun> runs;  // in the order of the optimizers
};

// "rosenbrock,atan2(y, x) + x^2": split at the commas outside brackets, so formulas fit too.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out(1);
  int depth = 0;
  for (const char c : text) {
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (c == ',' && depth <= 0) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// A CSV field: quoted where it holds a comma or a quote (a formula's name).
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Each optimizer once, with the parameters its first ball has (--param).
std::vector<OptimizerSpec> scene_optimizers(const Scene& scene) {
  std::vector<OptimizerSpec> out;
  for (const BallSpec& ball : scene.balls) {
    const bool seen =
        std::any_of(out.begin(), out.end(), [&](const OptimizerSpec& o) { return o.name == ball.optimizer.name; });
    if (!seen) out.push_back(ball.optimizer);
  }
  if (out.empty()) out.emplace_back();
  return out;
}

// The balls' own starts, each once; none: every function's default start.
std::vector<glm::dvec2> scene_starts(const Scene& scene) {
  std::vector<glm::dvec2> out;
  for (const BallSpec& ball : scene.balls) {
    if (ball.start && std::find(out.begin(), out.end(), *ball.start) == out.end()) out.push_back(*ball.start);
  }
  return out;
}

// Ranks runs: arrived first, by steps, then by final f (diverged last).
std::vector<std::size_t> ranking(const ComparedCase& c) {
  std::vector<std::size_t> order(c.runs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto key = [&](std::size_t i) {
    const TargetRun& r = c.runs[i].tuned.run;
    const int group = r.outcome == StabilityOutcome::reached ? 0 : r.outcome == StabilityOutcome::diverged ? 2 : 1;
    return std::make_tuple(group, group == 0 ? static_cast<double>(r.steps) : r.final_f);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

std::string markdown_table(const std::vector<ComparedCase>& cases, const TuningSettings& tuning) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line,
                "Each optimizer at its best learning rate of %d a decade from %g to %g: the fewest steps to "
                "f - f* < %g (f(start) - f*), at most %zu steps. A step is a ball's step: one of L-BFGS, BFGS, "
                "conjugate gradient, Nelder-Mead, Newton or gradient flow evaluates f or its gradient several "
                "times.\n",
                tuning.rates_per_decade, tuning.lr_lo, tuning.lr_hi, tuning.eps, tuning.max_steps);
  out += line;
  for (const ComparedCase& c : cases) {
    std::snprintf(line, sizeof line, "\n### %s from (%g, %g)\n\nf* = %.6g (%s)\n\n", c.title.c_str(), c.start.x,
                  c.start.y, c.f_star, c.f_star_known ? "the global minimum" : "the lowest any run reached");
    out += line;
    out += "| rank | optimizer | best lr | steps to f - f* < eps | final f |\n|---:|---|---:|---:|---:|\n";
    int rank = 0;
    for (const std::size_t i : ranking(c)) {
      const ComparedRun& r = c.runs[i];
      const TargetRun& run = r.tuned.run;
      std::string steps = run.outcome == StabilityOutcome::reached ? std::to_string(run.steps) : to_string(run.outcome);
      char lr[32] = "-";  // a method without a learning rate ran as it is
      if (r.tuned.lr > 0.0) std::snprintf(lr, sizeof lr, "%g", r.tuned.lr);
      std::snprintf(line, sizeof line, "| %d | %s | %s | %s | %.6g |\n", ++rank, r.optimizer.c_str(), lr, steps.c_str(),
                    run.final_f);
      out += line;
    }
  }
  return out;
}

Status write_text(const std::string& path, const std::string& text) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!file) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  std::fputs(text.c_str(), file.get());
  if (std::ferror(file.get())) return Error{"cannot write " + path + ": write error"};
  return {};
}

std::string csv_text(const std::vector<ComparedCase>& cases) {
  std::string out = "function,start_x,start_y,optimizer,best_lr,outcome,steps,final_f,f_star\n";
  char line[512];
  for (const ComparedCase& c : cases) {
    for (const ComparedRun& r : c.runs) {
      std::snprintf(line, sizeof line, "%s,%.17g,%.17g,%s,%.17g,%s,%u,%.17g,%.17g\n", csv_field(c.function).c_str(),
                    c.start.x, c.start.y, r.optimizer.c_str(), r.tuned.lr, to_string(r.tuned.run.outcome),
                    r.tuned.run.steps, r.tuned.run.final_f, c.f_star);
      out += line;
    }
  }
  return out;
}

}  // namespace

int run_compare(const Options& options, const Scene& scene) {
  TuningSettings tuning;
  tuning.eps = options.eps;
  tuning.max_steps = step_limit(options);
  std::vector<std::unique_ptr<Optimizer>> optimizers;
  for (const OptimizerSpec& spec : scene_optimizers(scene)) {
    auto optimizer = build_optimizer(spec);
    if (!optimizer) return bad_input(optimizer.error());
    optimizers.push_back(std::move(*optimizer));
  }
  const std::vector<std::string> functions = options.compare_functions.empty()
                                                 ? std::vector<std::string>{function_source_text(scene.function)}
                                                 : split_list(options.compare_functions);
  std::vector<ComparedCase> cases;
  for (const std::string& name : functions) {
    Scene one = scene;
    one.function = parse_function_source(name);
    auto cost = find_function(one);
    if (!cost) return bad_input("--compare-functions '" + one_line(name) + "': " + cost.error());
    std::vector<glm::dvec2> starts = scene_starts(scene);
    if (starts.empty()) starts.push_back(default_start(**cost));
    for (const glm::dvec2 start : starts) {
      ComparedCase c;
      c.function = name;
      c.title = (*cost)->title();
      c.start = start;
      const std::optional<double> known = known_f_star(**cost);
      c.f_star_known = known.has_value();
      if (known) {
        c.f_star = *known;
      } else {  // the lowest any method reached, so that every method aims at the same value
        c.f_star = (*cost)->value(start);
        for (const auto& o : optimizers) c.f_star = std::min(c.f_star, lowest_f_reached(**cost, *o, start, tuning));
      }
      for (const auto& o : optimizers) {
        c.runs.push_back({o->name(), tune_learning_rate(**cost, *o, start, c.f_star, tuning)});
      }
      cases.push_back(std::move(c));
    }
  }
  const std::string table = markdown_table(cases, tuning);
  std::printf("%s", table.c_str());
  const std::string csv_path = options.compare;
  const bool ends_csv = csv_path.size() > 4 && csv_path.compare(csv_path.size() - 4, 4, ".csv") == 0;
  const std::string md_path = (ends_csv ? csv_path.substr(0, csv_path.size() - 4) : csv_path) + ".md";
  for (const auto& [path, text] : {std::pair{csv_path, csv_text(cases)}, std::pair{md_path, table}}) {
    if (Status written = write_text(path, text); !written) return failure(written.error());
    std::printf("wrote %s\n", path.c_str());
  }
  return 0;
}

}  // namespace losscape
