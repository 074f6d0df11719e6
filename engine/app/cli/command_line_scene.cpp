#include "engine/app/cli/command_line_scene.hpp"

#include "engine/app/scene_view.hpp"
#include "engine/scene/scene_factory.hpp"
#include "engine/scene/training_path_file.hpp"

#include <algorithm>
#include <cmath>

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

// The view flags (--contours, --colormap, --show-basins, ... : view_fields()), each only where
// given.
Status view_from_options(const Options& options, ViewSettings& view) {
  for (std::size_t i = 0; i < view_fields().size() && i < options.view_flags.size(); ++i) {
    const ViewField& field = view_fields()[i];
    const ViewFlag& given = options.view_flags[i];
    if (field.on_off && given.on) view.*field.on_off = *given.on;
    if (!given.text.empty() && !field.set_text(given.text, view)) return Error{invalid_view_flag(field, given.text)};
  }
  return {};
}

// --surface-height and --zmax, on a loss-surface file's function only.
Status surface_height_from_options(const Options& options, FunctionSource& function) {
  auto* surface = std::get_if<LossSurfaceSource>(&function);
  for (const auto& [flag, given] :
       {std::pair{"--surface-height", &options.surface_height}, {"--zmax", &options.zmax}}) {
    if (!given->empty() && !surface) {
      return Error{std::string(flag) + " applies to a loss-surface file only (PATH.h5, or --function h5:PATH)"};
    }
  }
  if (!options.surface_height.empty()) {
    const std::optional<SurfaceScale> scale = parse_surface_scale(options.surface_height);
    if (!scale) {
      return Error{"invalid --surface-height '" + options.surface_height + "' (valid: " + surface_scale_names() + ")"};
    }
    surface->height.scale = *scale;
  }
  if (!options.zmax.empty()) {
    double zmax = 0.0;
    if (!parse_double(options.zmax, zmax)) return Error{"invalid --zmax '" + options.zmax + "': expected a number"};
    surface->height.zmax = zmax;
  }
  return {};
}

}  // namespace

Result<Scene> scene_from_options(const Options& options) {
  Scene scene;
  scene.function = parse_function_source(options.function);
  if (!options.domain.empty()) {
    const auto domain = parse_domain(options.domain);
    if (!domain) return Error{domain.error()};
    scene.domain = *domain;
  }
  std::vector<std::string> optimizers = {options.optimizer};
  if (!options.race.empty()) {
    auto raced = parse_optimizer_list(options.race);
    if (!raced) return Error{raced.error()};
    optimizers = std::move(*raced);
  }
  std::vector<std::optional<glm::dvec2>> starts;
  for (const std::string& text : options.starts) {
    const auto p = parse_point(text);
    if (!p) return Error{p.error()};
    starts.emplace_back(*p);
  }
  if (starts.empty()) starts.emplace_back();  // the function's default start
  // One ball per start per optimizer: several optimizers race from the same starts.
  for (const auto& start : starts) {
    for (const std::string& name : optimizers) {
      BallSpec ball;
      ball.start = start;
      ball.optimizer.name = name;
      scene.balls.push_back(ball);
    }
  }
  if (options.swarm) {
    SceneSwarm swarm;
    if (!parse_swarm_layout(options.swarm_layout, swarm.layout.layout)) {
      return Error{"invalid --swarm-layout '" + options.swarm_layout + "': expected grid, random or lhs"};
    }
    swarm.layout.count = static_cast<std::size_t>(*options.swarm);
    swarm.layout.seed = static_cast<std::uint64_t>(options.seed);
    scene.swarm = swarm;
  }
  scene.noise.seed = static_cast<std::uint64_t>(options.seed);  // the one seed of the run: swarm and noise
  if (options.noise) scene.noise.sigma = *options.noise;
  if (options.batch_size) scene.noise.batch_size = static_cast<std::size_t>(*options.batch_size);
  // The parameters, the camera, the basin map.
  if (Status applied = apply_overrides(options, scene); !applied) return Error{applied.error()};
  if (!options.trajectory.empty()) {
    // Read here once, so that a bad file's line names it as given (the scene reads it again).
    if (auto path = load_training_path(options.trajectory); !path) return Error{path.error()};
    scene.balls.push_back(replay_ball(options.trajectory));
  }
  if (!options.solver.empty()) {  // after the overrides: --param and --schedule are the methods'
    for (const auto& start : starts) {
      BallSpec ball = solver_ball(options.solver);
      ball.start = start;
      ball.solver_timeout = options.solver_timeout;
      scene.balls.push_back(ball);
    }
  }
  return scene;
}

Status apply_overrides(const Options& options, Scene& scene) {
  if (options.solver_timeout) {  // a scene file's solver balls too
    for (BallSpec& ball : scene.balls) {
      if (runs_solver(ball)) ball.solver_timeout = *options.solver_timeout;
    }
  }
  if (!options.camera.empty()) {
    const auto parsed = parse_camera(options.camera);
    if (!parsed) return Error{parsed.error()};
    CameraSpec camera = *parsed;
    // Angles keep the scene's target and field of view; a named view is whole by itself.
    if (camera.view.empty()) {
      camera.target = scene.camera.target;
      camera.fov = scene.camera.fov;
    }
    scene.camera = camera;
  }
  std::vector<ParamSetting> params;
  for (const std::string& text : options.params) {
    const auto setting = parse_param(text);
    if (!setting) return Error{setting.error()};
    params.push_back(*setting);
  }
  std::vector<std::string> optimizers;  // a replayed path or a solver has no parameters or schedule to set
  for (const BallSpec& ball : scene.balls) {
    if (runs_method(ball)) optimizers.push_back(ball.optimizer.name);
  }
  if (optimizers.empty()) optimizers.push_back(OptimizerSpec{}.name);
  if (Status used = check_every_param_is_used(params, optimizers); !used) return used;
  if (scene.balls.empty()) scene.balls.push_back(BallSpec{});
  for (BallSpec& ball : scene.balls) {
    if (!runs_method(ball)) continue;
    if (Status applied = apply_params(params, ball.optimizer); !applied) return applied;
  }
  if (!options.schedule.empty()) {  // every ball's, the swarm's too; "none" takes a scene's away
    std::optional<ScheduleSpec> schedule;
    if (options.schedule != "none") {
      auto parsed = parse_schedule(options.schedule);
      if (!parsed) return Error{"--schedule: " + parsed.error()};
      schedule = *parsed;
    }
    for (BallSpec& ball : scene.balls) {
      if (runs_method(ball)) ball.optimizer.schedule = schedule;
    }
    if (scene.swarm && scene.swarm->optimizer) scene.swarm->optimizer->schedule = schedule;
  }
  if (options.grid_given) scene.view.basin_grid = options.grid;
  if (Status shaped = surface_height_from_options(options, scene.function); !shaped) return shaped;
  return view_from_options(options, scene.view);
}

Result<ParamSetting> parse_param(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return Error{"invalid --param '" + text + "': expected KEY=VALUE or OPTIMIZER.KEY=VALUE, e.g. lr=0.02"};
  }
  ParamSetting out;
  const std::string name = text.substr(0, eq);
  const auto dot = name.find('.');
  out.optimizer = dot == std::string::npos ? "" : name.substr(0, dot);
  out.key = dot == std::string::npos ? name : name.substr(dot + 1);
  if (!parse_double(text.substr(eq + 1), out.value)) {
    return Error{"invalid --param '" + text + "': '" + text.substr(eq + 1) + "' is not a number"};
  }
  return out;
}

Result<std::vector<std::string>> parse_optimizer_list(const std::string& text) {
  if (text == "all") return optimizer_names();
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const auto comma = std::min(text.find(',', begin), text.size());
    const std::string name = text.substr(begin, comma - begin);
    if (!make_optimizer(name)) {
      if (name.find(':') != std::string::npos) return Error{unknown_optimizer(name)};  // a wrapper's inner name
      return Error{"unknown optimizer '" + name + "' (valid: " + join(optimizer_names()) + ", or all)"};
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    begin = comma + 1;
  }
  return out;
}

Status apply_params(const std::vector<ParamSetting>& params, OptimizerSpec& optimizer) {
  auto probe = make_optimizer(optimizer.name);
  if (!probe) return Error{unknown_optimizer(optimizer.name)};
  for (const ParamSetting& p : params) {
    if (!p.optimizer.empty() && p.optimizer != optimizer.name) continue;
    const auto& table = probe->parameter_table();
    const bool has_key =
        std::any_of(table.begin(), table.end(), [&](const ParameterSpec& s) { return s.key == p.key; });
    // A shared key ("lr") is skipped by optimizers without it; a targeted one must exist.
    if (!has_key && p.optimizer.empty()) continue;
    if (Status set = probe->set_parameter(p.key, p.value); !set) return set;
    set_named_value(optimizer.parameters, p.key, p.value);
  }
  return {};
}

Result<glm::dvec2> parse_point(const std::string& text) {
  glm::dvec2 out;
  const auto comma = text.find(',');
  if (comma == std::string::npos || !parse_double(text.substr(0, comma), out.x) ||
      !parse_double(text.substr(comma + 1), out.y)) {
    return Error{"invalid --start '" + text + "': expected X,Y with two numbers, e.g. -1.5,2"};
  }
  return out;
}

Status check_every_param_is_used(const std::vector<ParamSetting>& params, const std::vector<std::string>& optimizers) {
  for (const ParamSetting& p : params) {
    bool used = false;
    std::unique_ptr<Optimizer> first;
    for (const std::string& name : optimizers) {
      auto o = make_optimizer(name);
      if (!o) continue;
      const auto& table = o->parameter_table();
      used = used || (p.optimizer.empty() ? std::any_of(table.begin(), table.end(),
                                                        [&](const ParameterSpec& s) { return s.key == p.key; })
                                          : name == p.optimizer);
      if (!first) first = std::move(o);
    }
    if (used || !first) continue;
    if (!p.optimizer.empty()) {
      return Error{"--param " + p.optimizer + "." + p.key + ": optimizer '" + p.optimizer +
                   "' is not in this scene (it has: " + join(optimizers) + ")"};
    }
    return first->set_parameter(p.key, p.value);  // its message names the valid keys
  }
  return {};
}

Result<CameraSpec> parse_camera(const std::string& text) {
  CameraSpec out;
  const std::vector<std::string>& views = view_names();
  if (std::find(views.begin(), views.end(), text) != views.end()) {
    out.view = text;
    return out;
  }
  const Error error{"invalid --camera '" + text + "': expected YAW,PITCH or YAW,PITCH,DISTANCE (degrees; " +
                    "pitch -5 to 90, distance 0.3 to 30) or a view: " + join(views)};
  std::vector<double> values;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const auto comma = std::min(text.find(',', begin), text.size());
    double v = 0.0;
    if (!parse_double(text.substr(begin, comma - begin), v)) return error;
    values.push_back(v);
    begin = comma + 1;
  }
  if (values.size() < 2 || values.size() > 3 || values[1] < -5.0 || values[1] > 90.0 ||
      (values.size() == 3 && (values[2] < 0.3 || values[2] > 30.0))) {
    return error;
  }
  out.yaw = static_cast<float>(values[0]);
  out.pitch = static_cast<float>(values[1]);
  if (values.size() == 3) out.distance = static_cast<float>(values[2]);
  return out;
}

Result<Domain> parse_domain(const std::string& text) {
  const Error error{"invalid --domain '" + text + "': expected XMIN,XMAX,YMIN,YMAX with XMIN < XMAX and YMIN < YMAX"};
  double v[4];
  std::size_t begin = 0;
  for (int i = 0; i < 4; ++i) {
    const auto comma = i < 3 ? text.find(',', begin) : text.size();
    if (comma == std::string::npos || !parse_double(text.substr(begin, comma - begin), v[i])) return error;
    begin = comma + 1;
  }
  if (!(v[0] < v[1] && v[2] < v[3])) return error;
  return Domain{v[0], v[1], v[2], v[3]};
}

Result<Presentation> make_presentation(const Options& options) {
  Presentation presentation;
  if (!options.scene_file.empty()) {
    if (!options.scene_flags_given.empty()) {
      return Error{options.scene_flags_given.front() +
                   " cannot be combined with a scene file: edit the scene, or leave the file out"};
    }
    auto opened = Presentation::open(options.scene_file);
    if (!opened) return Error{opened.error()};
    presentation = std::move(*opened);
    if (!presentation.go_to(static_cast<std::size_t>(options.slide - 1))) {
      return Error{"invalid --slide " + std::to_string(options.slide) + ": " + options.scene_file + " has " +
                   std::to_string(presentation.size()) + (presentation.size() == 1 ? " scene" : " scenes")};
    }
    if (Status applied = apply_overrides(options, presentation.scene()); !applied) return Error{applied.error()};
  } else {
    auto scene = scene_from_options(options);
    if (!scene) return Error{scene.error()};
    presentation = Presentation(std::move(*scene));
  }
  // The probe checks the scene, the swarm's method included, with one swarm member: a million
  // would take seconds and most of a gigabyte, only to be built again by the session.
  if (const auto probe = build_probe_simulation(presentation.scene()); !probe) {
    return Error{presentation.function_error_prefix(probe.error()) + probe.error()};
  }
  return presentation;
}

}  // namespace losscape
