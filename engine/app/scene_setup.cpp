#include "engine/app/scene_setup.hpp"

#include "engine/math/builtin_functions.hpp"
#include "engine/math/data_costs.hpp"
#include "engine/math/formula/formula_function.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/render/height_field_png.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <cmath>
#include <limits>
#include <map>

namespace losscape {
namespace {

// Parses a whole string as a finite double; false on trailing junk.
bool parse_double(const std::string& text, double& out) {
  try {
    std::size_t used = 0;
    out = std::stod(text, &used);
    return used == text.size() && std::isfinite(out);
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

RenderOptions interactive_render_options() {
  RenderOptions options;
  if (current_gl_is_software()) options.msaa_samples = 0;  // 2.6x the frame time on llvmpipe
  return options;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

namespace {

// PATH as given if it exists, else the shipped asset of that name.
std::string resolve_data_path(const std::string& path) {
  const char* env = std::getenv("LOSSCAPE_ASSET_DIR");
  const std::filesystem::path assets = env && *env ? env : LOSSCAPE_ASSET_DIR;
  if (std::filesystem::exists(path) || std::filesystem::path(path).is_absolute()) return path;
  const std::filesystem::path shipped = assets / path;
  return std::filesystem::exists(shipped) ? shipped.string() : path;
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

std::shared_ptr<const CostFunction> find_function(const SceneSpec& spec, std::string& error) {
  const std::string& f = spec.function;
  if (f == kLineFitExample || starts_with(f, "mse:")) {
    return load_line_fit_csv(resolve_data_path(f == kLineFitExample ? "line_fit.csv" : f.substr(4)), error);
  }
  if (starts_with(f, "heightfield:")) {
    const std::string path = resolve_data_path(f.substr(12));
    const std::string extension = std::filesystem::path(path).extension().string();
    if (extension == ".png" || extension == ".PNG") {
      // An image carries no units: heights 0..1 over the --domain (default [-1, 1]^2).
      return load_height_field_png(path, spec.domain.value_or(Domain{}), 0.0, 1.0, error);
    }
    return load_height_field_csv(path, error);
  }
  auto cost = make_cost_function(f, spec.domain ? &*spec.domain : nullptr, error);
  if (auto* formula = dynamic_cast<FormulaFunction*>(cost.get())) {
    for (const auto& [name, value] : spec.formula_parameters) formula->set_parameter(name, value);
  }
  return cost;
}

glm::dvec2 default_start(const CostFunction& cost) {
  static const std::map<std::string, glm::dvec2> classics = {
      {"himmelblau", {-0.4, -0.2}}, {"rosenbrock", {-1.5, 2.0}}, {"bowl", {4.0, 3.0}},
      {"booth", {-6.0, -4.0}},      {"beale", {-3.0, -3.0}},     {"saddle", {-3.0, 0.05}},
  };
  if (auto it = classics.find(cost.name()); it != classics.end()) return it->second;
  // Near a corner, where the path to a minimum is long enough to see; for a typed formula,
  // the nearest point to that where f and its gradient are defined.
  const Domain d = cost.domain();
  const glm::dvec2 preferred(d.x_min + 0.2 * d.width(), d.y_min + 0.75 * d.height());
  auto defined = [&](glm::dvec2 p) {
    const glm::dvec2 g = cost.gradient(p);
    return std::isfinite(cost.value(p)) && std::isfinite(g.x) && std::isfinite(g.y);
  };
  if (defined(preferred)) return preferred;
  glm::dvec2 best = preferred;
  double best_distance = std::numeric_limits<double>::infinity();
  for (int j = 0; j <= 40; ++j) {
    for (int i = 0; i <= 40; ++i) {
      const glm::dvec2 p(d.x_min + d.width() * (0.05 + 0.9 * i / 40.0), d.y_min + d.height() * (0.05 + 0.9 * j / 40.0));
      const double distance = glm::length(p - preferred);
      if (distance < best_distance && defined(p)) best = p, best_distance = distance;
    }
  }
  return best;
}

OrbitCamera default_camera(const CostFunction& cost) {
  OrbitCamera camera;
  if (cost.name() == "rosenbrock") {
    camera.yaw_degrees = -10.0f;
    camera.pitch_degrees = 62.0f;
    camera.distance = 4.0f;
  } else if (cost.name() == "rastrigin") {
    camera.pitch_degrees = 70.0f;  // its minima lie between rows of peaks: look down into them
    camera.distance = 4.6f;
  }
  return camera;
}

OrbitCamera initial_camera(const SceneSpec& spec, const CostFunction& cost) {
  return spec.camera ? *spec.camera : default_camera(cost);
}

glm::vec3 ball_colour(std::size_t index) {
  static const glm::vec3 palette[] = {
      {0.94f, 0.22f, 0.18f}, {1.00f, 0.60f, 0.10f}, {0.96f, 0.45f, 0.78f}, {0.95f, 0.95f, 0.95f},
      {0.35f, 0.78f, 1.00f}, {0.65f, 0.35f, 0.15f}, {1.00f, 0.85f, 0.55f}, {0.60f, 0.10f, 0.30f},
  };
  return palette[index % (sizeof palette / sizeof palette[0])];
}

std::string parse_param(const std::string& text, ParamSetting& out) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return "invalid --param '" + text + "': expected KEY=VALUE or OPTIMIZER.KEY=VALUE, e.g. lr=0.02";
  }
  const std::string name = text.substr(0, eq);
  const auto dot = name.find('.');
  out.optimizer = dot == std::string::npos ? "" : name.substr(0, dot);
  out.key = dot == std::string::npos ? name : name.substr(dot + 1);
  if (!parse_double(text.substr(eq + 1), out.value)) {
    return "invalid --param '" + text + "': '" + text.substr(eq + 1) + "' is not a number";
  }
  return {};
}

std::string parse_optimizer_list(const std::string& text, std::vector<std::string>& out) {
  out.clear();
  if (text == "all") {
    out = optimizer_names();
    return {};
  }
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const auto comma = std::min(text.find(',', begin), text.size());
    const std::string name = text.substr(begin, comma - begin);
    if (!make_optimizer(name)) {
      return "unknown optimizer '" + name + "' (valid: " + join(optimizer_names()) + ", or all)";
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    begin = comma + 1;
  }
  return {};
}

std::unique_ptr<Optimizer> analysis_optimizer(const SceneSpec& spec, const std::string& name, std::string& error) {
  const std::string& chosen = name.empty() ? spec.optimizers.front() : name;
  auto optimizer = make_optimizer(chosen);
  if (!optimizer) {
    error = "unknown optimizer '" + chosen + "' (valid: " + join(optimizer_names()) + ")";
    return nullptr;
  }
  if (error = apply_params(spec.params, *optimizer); !error.empty()) return nullptr;
  return optimizer;
}

std::string apply_params(const std::vector<ParamSetting>& params, Optimizer& optimizer) {
  for (const ParamSetting& p : params) {
    if (!p.optimizer.empty() && p.optimizer != optimizer.name()) continue;
    const auto& table = optimizer.parameter_table();
    const bool has_key = std::any_of(table.begin(), table.end(), [&](const ParameterSpec& s) { return s.key == p.key; });
    // A shared key ("lr") is skipped by optimizers without it; a targeted one must exist.
    if (!has_key && p.optimizer.empty()) continue;
    if (std::string error = optimizer.set_parameter(p.key, p.value); !error.empty()) {
      return error;
    }
  }
  return {};
}

std::string parse_point(const std::string& text, glm::dvec2& out) {
  const auto comma = text.find(',');
  if (comma == std::string::npos || !parse_double(text.substr(0, comma), out.x) ||
      !parse_double(text.substr(comma + 1), out.y)) {
    return "invalid --start '" + text + "': expected X,Y with two numbers, e.g. -1.5,2";
  }
  return {};
}

std::string check_every_param_is_used(const SceneSpec& spec) {
  for (const ParamSetting& p : spec.params) {
    bool used = false;
    std::unique_ptr<Optimizer> first;
    for (const std::string& name : spec.optimizers) {
      auto o = make_optimizer(name);
      if (!o) continue;
      const auto& table = o->parameter_table();
      used = used || (p.optimizer.empty()
                          ? std::any_of(table.begin(), table.end(), [&](const ParameterSpec& s) { return s.key == p.key; })
                          : name == p.optimizer);
      if (!first) first = std::move(o);
    }
    if (used || !first) continue;
    if (!p.optimizer.empty()) {
      return "--param " + p.optimizer + "." + p.key + ": optimizer '" + p.optimizer +
             "' is not in this scene (it has: " + join(spec.optimizers) + ")";
    }
    return first->set_parameter(p.key, p.value);  // its message names the valid keys
  }
  return {};
}

std::string parse_camera(const std::string& text, OrbitCamera& out) {
  out = OrbitCamera{};
  const std::string error = "invalid --camera '" + text +
                            "': expected YAW,PITCH or YAW,PITCH,DISTANCE (degrees; pitch -5 to 89.5, distance 0.3 to 30)";
  std::vector<double> values;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const auto comma = std::min(text.find(',', begin), text.size());
    double v = 0.0;
    if (!parse_double(text.substr(begin, comma - begin), v)) return error;
    values.push_back(v);
    begin = comma + 1;
  }
  if (values.size() < 2 || values.size() > 3 || values[1] < -5.0 || values[1] > 89.5 ||
      (values.size() == 3 && (values[2] < 0.3 || values[2] > 30.0))) {
    return error;
  }
  out.yaw_degrees = static_cast<float>(values[0]);
  out.pitch_degrees = static_cast<float>(values[1]);
  if (values.size() == 3) out.distance = static_cast<float>(values[2]);
  return {};
}

std::string parse_domain(const std::string& text, Domain& out) {
  const std::string error = "invalid --domain '" + text + "': expected XMIN,XMAX,YMIN,YMAX with XMIN < XMAX and YMIN < YMAX";
  double v[4];
  std::size_t begin = 0;
  for (int i = 0; i < 4; ++i) {
    const auto comma = i < 3 ? text.find(',', begin) : text.size();
    if (comma == std::string::npos || !parse_double(text.substr(begin, comma - begin), v[i])) return error;
    begin = comma + 1;
  }
  if (!(v[0] < v[1] && v[2] < v[3])) return error;
  out = {v[0], v[1], v[2], v[3]};
  return {};
}

std::string surface_key(const SceneSpec& spec) {
  std::string key = spec.function;
  char number[64];
  if (spec.domain) {
    std::snprintf(number, sizeof number, "|%.17g,%.17g", spec.domain->x_min, spec.domain->x_max);
    key += number;
    std::snprintf(number, sizeof number, ",%.17g,%.17g", spec.domain->y_min, spec.domain->y_max);
    key += number;
  }
  for (const auto& [name, value] : spec.formula_parameters) {
    std::snprintf(number, sizeof number, "=%.17g", value);
    key += "|" + name + number;
  }
  return key;
}

std::string build_simulation(const SceneSpec& spec, const SimulationSettings& settings,
                             std::unique_ptr<Simulation>& out) {
  std::string error;
  auto cost = find_function(spec, error);
  if (!cost) return error;
  if (spec.optimizers.empty()) return "no optimizer given (valid: " + join(optimizer_names()) + ")";
  std::vector<std::unique_ptr<Optimizer>> prototypes;
  for (const std::string& name : spec.optimizers) {
    auto prototype = make_optimizer(name);
    if (!prototype) return "unknown optimizer '" + name + "' (valid: " + join(optimizer_names()) + ")";
    if (error = apply_params(spec.params, *prototype); !error.empty()) return error;
    prototypes.push_back(std::move(prototype));
  }
  auto simulation = std::make_unique<Simulation>(cost, settings);
  std::vector<glm::dvec2> starts = spec.starts;
  if (starts.empty()) starts.push_back(default_start(*cost));
  const bool race = prototypes.size() > 1;
  for (std::size_t s = 0; s < starts.size(); ++s) {
    for (std::size_t o = 0; o < prototypes.size(); ++o) {
      // In a race the colour is the optimizer's (the legend); otherwise the start's.
      simulation->add_ball(starts[s], prototypes[o]->clone(), ball_colour(race ? o : s), prototypes[o]->title());
    }
  }
  // After the ordinary balls, so they keep their places (and colours) in the lists.
  if (spec.swarm) {
    if (spec.swarm->count < 1 || spec.swarm->count > kMaxSwarm) {
      return "invalid swarm size " + std::to_string(spec.swarm->count) + ": 1 to " + std::to_string(kMaxSwarm) + " balls";
    }
    auto prototype = analysis_optimizer(spec, spec.swarm->optimizer, error);
    if (!prototype) return error;
    simulation->add_swarm(swarm_starts(spec.swarm->layout, spec.swarm->count, cost->domain(), spec.swarm->seed), *prototype);
  }
  out = std::move(simulation);
  return {};
}

}  // namespace losscape
