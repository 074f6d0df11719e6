// Reading scene files: nlohmann::json parses, JsonPositions says where each value is, and every
// value is checked here so a lecturer's typo is one clear line naming file, line, column and path.
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/one_line.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/scene/external_solver.hpp"
#include "engine/scene/files/scene_file.hpp"
#include "engine/scene/path_exists.hpp"
#include "engine/scene/view_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>

namespace losscape {

// ordered: parameters keep the order they are written in, and read back equal.
using json = nlohmann::ordered_json;

std::string SceneSource::where(const std::string& path) const {
  const TextPosition p = positions.at(path);
  return file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

namespace {

// Thrown inside the reader only, caught by read_scene: the first problem found ends the read. The
// message quotes the file's own keys and names, which may hold "\n": it is made one line here.
struct SceneError {
  explicit SceneError(std::string_view text) : message(one_line(text)) {}
  std::string message;
};

std::string shown(const json& value) {
  std::string text = value.dump();
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

class Reader {
 public:
  explicit Reader(const SceneSource& source) : source_(source) {}

  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    throw SceneError(source_.where(path) + ": " + (path.empty() ? "" : path + ": ") + message);
  }
  [[noreturn]] void fail_at(TextPosition p, const std::string& path, const std::string& message) const {
    throw SceneError(source_.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + path + ": " +
                     message);
  }

  // Every key of `object` must be one of `valid`.
  void only_keys(const json& object, const std::string& path, const std::vector<std::string>& valid) const {
    for (const auto& [key, value] : object.items()) {
      if (std::find(valid.begin(), valid.end(), key) != valid.end()) continue;
      fail_at(source_.positions.key_at(json_path(path, key)), json_path(path, key),
              "unknown key '" + key + "' (valid: " + join_names(valid) + ")");
    }
  }

  const json& object(const json& value, const std::string& path, const char* what = "an object { ... }") const {
    if (!value.is_object()) fail(path, std::string("expected ") + what + ", got " + shown(value));
    return value;
  }
  double number(const json& value, const std::string& path) const {
    if (!value.is_number()) fail(path, "expected a number, got " + shown(value));
    const double v = value.get<double>();
    if (!std::isfinite(v)) fail(path, "expected a finite number, got " + shown(value));
    return v;
  }
  double number_in(const json& value, const std::string& path, double lo, double hi) const {
    const double v = number(value, path);
    if (v < lo || v > hi) {
      std::ostringstream range;
      range << "must be " << lo << " to " << hi << ", got " << v;
      fail(path, range.str());
    }
    return v;
  }
  long long integer_in(const json& value, const std::string& path, long long lo, long long hi) const {
    const double v = number_in(value, path, static_cast<double>(lo), static_cast<double>(hi));
    if (v != std::floor(v)) fail(path, "expected a whole number, got " + shown(value));
    return static_cast<long long>(v);
  }
  bool boolean(const json& value, const std::string& path) const {
    if (!value.is_boolean()) fail(path, "expected true or false, got " + shown(value));
    return value.get<bool>();
  }
  std::string text(const json& value, const std::string& path) const {
    if (!value.is_string()) fail(path, "expected a string in quotes, got " + shown(value));
    return value.get<std::string>();
  }
  std::vector<double> numbers(const json& value, const std::string& path, std::size_t count, const char* what) const {
    if (!value.is_array() || value.size() != count)
      fail(path, std::string("expected ") + what + ", got " + shown(value));
    std::vector<double> out;
    for (std::size_t i = 0; i < count; ++i) out.push_back(number(value[i], json_path(path, i)));
    return out;
  }
  glm::dvec2 point(const json& value, const std::string& path) const {
    const auto v = numbers(value, path, 2, "[x, y], two numbers");
    return {v[0], v[1]};
  }
  glm::vec3 vector3(const json& value, const std::string& path) const {
    const auto v = numbers(value, path, 3, "[x, y, z], three numbers");
    return glm::vec3(glm::dvec3(v[0], v[1], v[2]));
  }

  // "#rrggbb" or [r, g, b] with each in 0..1.
  glm::vec3 colour(const json& value, const std::string& path) const {
    if (value.is_string()) {
      const std::string hex = value.get<std::string>();
      unsigned rgb = 0;
      char rest = 0;
      if (hex.size() == 7 && hex[0] == '#' && std::sscanf(hex.c_str() + 1, "%6x%c", &rgb, &rest) == 1) {
        return glm::vec3(static_cast<float>((rgb >> 16) & 255u), static_cast<float>((rgb >> 8) & 255u),
                         static_cast<float>(rgb & 255u)) /
               255.0f;
      }
    } else if (value.is_array() && value.size() == 3) {
      glm::vec3 c;
      for (int i = 0; i < 3; ++i)
        c[i] = static_cast<float>(number_in(value[i], json_path(path, static_cast<std::size_t>(i)), 0.0, 1.0));
      return c;
    }
    fail(path, "expected a colour \"#rrggbb\" or [r, g, b] (each 0 to 1), got " + shown(value));
  }

  OptimizerSpec optimizer(const json& value, const std::string& path) const {
    OptimizerSpec spec;
    const json* parameters = nullptr;
    if (value.is_string()) {
      spec.name = value.get<std::string>();
    } else if (value.is_object()) {
      if (!value.contains("name"))
        fail(path, "expected \"name\": the optimizer (" + join_names(optimizer_names()) + ")");
      spec.name = text(value["name"], json_path(path, "name"));
      parameters = &value;
    } else {
      fail(path, "expected an optimizer: \"adam\" or {\"name\": \"adam\", \"lr\": 0.01}, got " + shown(value));
    }
    auto made = make_optimizer(spec.name);
    if (!made) {
      fail(value.is_object() ? json_path(path, "name") : path, unknown_optimizer(spec.name));
    }
    if (!parameters) return spec;
    for (const auto& [key, v] : parameters->items()) {
      if (key == "name") continue;
      const std::string at = json_path(path, key);
      if (key == "schedule") {  // "CosineAnnealingLR:T_max=500", as --schedule takes it
        auto schedule = parse_schedule(text(v, at));
        if (!schedule) fail(at, schedule.error());
        spec.schedule = *schedule;
        continue;
      }
      const auto& table = made->parameter_table();
      const ParameterSpec* row = nullptr;
      for (const ParameterSpec& p : table) row = p.key == key ? &p : row;
      if (!row) {
        std::vector<std::string> keys;
        keys.reserve(table.size());
        for (const ParameterSpec& p : table) keys.push_back(p.key);
        fail_at(source_.positions.key_at(at), at,
                "unknown parameter '" + key + "' for optimizer '" + spec.name + "' (valid: name, schedule, " +
                    join_names(keys) + ")");
      }
      const double x = number(v, at);
      if (std::string problem = check_parameter(*row, x).error(); !problem.empty()) {
        // check_parameter says "lr: must be > 0, got -1"; the path already names the key.
        fail(at, problem.substr(problem.find(": ") + 2));
      }
      spec.parameters.emplace_back(key, x);
    }
    return spec;
  }

 private:
  const SceneSource& source_;
};

void read_function(const json& root, const Reader& r, const SceneSource& source, Scene& scene) {
  if (!root.contains("function")) r.fail("", "missing \"function\": a built-in's name, a formula in x and y, or mse");
  const std::string function = r.text(root["function"], "function");
  if (function.empty()) r.fail("function", "must not be empty");
  scene.function = parse_function_source(function);
  if (root.contains("domain")) {
    const auto d = r.numbers(root["domain"], "domain", 4, "[xmin, xmax, ymin, ymax], four numbers");
    if (!(d[0] < d[1] && d[2] < d[3])) r.fail("domain", "expected xmin < xmax and ymin < ymax");
    scene.domain = Domain{d[0], d[1], d[2], d[3]};
  }
  std::vector<std::string> declared;
  if (const auto* typed = std::get_if<FormulaSource>(&scene.function)) {
    // A formula: compiled now, so a typo points at its character in the file.
    formula::CompileError error;
    auto formula = FormulaFunction::create(typed->text, scene.domain.value_or(Domain{-5, 5, -5, 5}), error);
    if (!formula) {
      TextPosition p = source.positions.at("function");
      if (error.column > 0) p.column += static_cast<std::size_t>(error.column);  // past the opening quote
      r.fail_at(p, "function", error.message);
    }
    declared = formula->parameter_names();
  }
  if (root.contains("parameters")) {
    const json& parameters =
        r.object(root["parameters"], "parameters", "{\"a\": 1, ...}, values for the formula's where clause");
    for (const auto& [name, value] : parameters.items()) {
      const std::string at = json_path("parameters", name);
      if (std::find(declared.begin(), declared.end(), name) == declared.end()) {
        r.fail_at(source.positions.key_at(at), at,
                  declared.empty()
                      ? "the function declares no parameters (a formula's are named after 'where')"
                      : "unknown parameter '" + name + "' (the formula declares: " + join_names(declared) + ")");
      }
      scene.formula_parameters.emplace_back(name, r.number(value, at));
    }
  }
}

// "surface_height" and "zmax": how a loss-surface file's values become heights (surface_height.hpp).
void read_surface_height(const json& root, const Reader& r, Scene& scene) {
  auto* surface = std::get_if<LossSurfaceSource>(&scene.function);
  for (const char* key : {"surface_height", "zmax"}) {
    if (root.contains(key) && !surface) r.fail(key, "applies to a loss-surface file only (\"function\": \"h5:PATH\")");
  }
  if (root.contains("surface_height")) {
    const std::string name = r.text(root["surface_height"], "surface_height");
    const std::optional<SurfaceScale> scale = parse_surface_scale(name);
    if (!scale) r.fail("surface_height", "unknown height '" + name + "' (valid: " + surface_scale_names() + ")");
    surface->height.scale = *scale;
  }
  if (root.contains("zmax")) surface->height.zmax = r.number(root["zmax"], "zmax");
}

void read_balls(const json& root, const Reader& r, Scene& scene) {
  if (!root.contains("balls")) return;
  if (!root["balls"].is_array()) r.fail("balls", "expected a list [ {...}, ... ], got " + shown(root["balls"]));
  std::size_t i = 0;
  for (const json& item : root["balls"]) {
    const std::string path = json_path("balls", i++);
    r.object(item, path);
    r.only_keys(item, path,
                {"start", "optimizer", "colour", "color", "label", "trajectory", "solver", "solver_timeout"});
    BallSpec ball;
    if (item.contains("trajectory")) {  // replays a training path: where it goes is the file's
      for (const char* key : {"start", "optimizer"}) {
        if (item.contains(key)) {
          r.fail(json_path(path, key), std::string("a ball replaying a trajectory has no ") + key +
                                           " (it steps through the file's checkpoints)");
        }
      }
      ball = replay_ball(r.text(item["trajectory"], json_path(path, "trajectory")));
      if (ball.trajectory.empty()) r.fail(json_path(path, "trajectory"), "expected a file's path, got \"\"");
    }
    if (item.contains("solver")) {  // an external process drives it (docs/solver-protocol.md)
      if (item.contains("trajectory")) r.fail(json_path(path, "solver"), "a ball replaying a trajectory has no solver");
      if (item.contains("optimizer")) {
        r.fail(json_path(path, "optimizer"), "a ball driven by a solver has no optimizer (the process is its method)");
      }
      ball = solver_ball(r.text(item["solver"], json_path(path, "solver")));
      if (ball.solver.empty()) r.fail(json_path(path, "solver"), "expected a command, got \"\"");
    }
    if (item.contains("solver_timeout")) {
      if (!runs_solver(ball)) r.fail(json_path(path, "solver_timeout"), "only a ball with a \"solver\" has a timeout");
      ball.solver_timeout = r.number_in(item["solver_timeout"], json_path(path, "solver_timeout"),
                                        ExternalSolver::kMinTimeout, ExternalSolver::kMaxTimeout);
    }
    if (item.contains("start")) ball.start = r.point(item["start"], json_path(path, "start"));
    if (item.contains("optimizer")) ball.optimizer = r.optimizer(item["optimizer"], json_path(path, "optimizer"));
    for (const char* key : {"colour", "color"}) {
      if (item.contains(key)) ball.colour = r.colour(item[key], json_path(path, key));
    }
    if (item.contains("label")) ball.label = r.text(item["label"], json_path(path, "label"));
    scene.balls.push_back(ball);
  }
}

void read_swarm(const json& root, const Reader& r, Scene& scene) {
  if (!root.contains("swarm")) return;
  const json& s = r.object(root["swarm"], "swarm");
  r.only_keys(s, "swarm", {"count", "layout", "seed", "optimizer"});
  SceneSwarm swarm;
  if (s.contains("count")) {
    swarm.layout.count =
        static_cast<std::size_t>(r.integer_in(s["count"], "swarm.count", 1, static_cast<long long>(kMaxSwarm)));
  }
  if (s.contains("layout")) {
    const std::string layout = r.text(s["layout"], "swarm.layout");
    if (!parse_swarm_layout(layout, swarm.layout.layout))
      r.fail("swarm.layout", "unknown layout '" + layout + "' (valid: grid, random, lhs)");
  }
  if (s.contains("seed"))
    swarm.layout.seed = static_cast<std::uint64_t>(r.integer_in(s["seed"], "swarm.seed", 0, 1LL << 53));
  if (s.contains("optimizer")) swarm.optimizer = r.optimizer(s["optimizer"], "swarm.optimizer");
  scene.swarm = swarm;
}

void read_camera(const json& root, const Reader& r, Scene& scene) {
  if (!root.contains("camera")) return;
  static const std::vector<std::string> views = {"default", "top", "front", "side", "corner"};
  auto check_view = [&](const std::string& view, const std::string& path) {
    if (std::find(views.begin(), views.end(), view) == views.end()) {
      r.fail(path, "unknown view '" + view + "' (valid: " + join_names(views) + ")");
    }
  };
  const json& c = root["camera"];
  CameraSpec& camera = scene.camera;
  if (c.is_string()) {
    camera.view = c.get<std::string>();
    check_view(camera.view, "camera");
    return;
  }
  r.object(c, "camera", "a view name (\"top\") or {\"yaw\": ..., \"pitch\": ..., \"distance\": ...}");
  r.only_keys(c, "camera", {"view", "yaw", "pitch", "distance", "fov", "target", "position", "projection"});
  if (c.contains("view")) {
    camera.view = r.text(c["view"], "camera.view");
    check_view(camera.view, "camera.view");
  }
  if (c.contains("yaw")) camera.yaw = static_cast<float>(r.number_in(c["yaw"], "camera.yaw", -3600.0, 3600.0));
  if (c.contains("pitch")) camera.pitch = static_cast<float>(r.number_in(c["pitch"], "camera.pitch", -5.0, 90.0));
  if (c.contains("distance"))
    camera.distance = static_cast<float>(r.number_in(c["distance"], "camera.distance", 0.3, 30.0));
  if (c.contains("fov")) camera.fov = static_cast<float>(r.number_in(c["fov"], "camera.fov", 10.0, 120.0));
  if (c.contains("target")) camera.target = r.vector3(c["target"], "camera.target");
  if (c.contains("position")) {
    if (camera.yaw || camera.pitch || camera.distance)
      r.fail("camera.position", "give a position or yaw/pitch/distance, not both");
    camera.position = r.vector3(c["position"], "camera.position");
  }
  if (c.contains("projection")) {
    const std::string projection = r.text(c["projection"], "camera.projection");
    if (projection != "perspective" && projection != "orthographic") {
      r.fail("camera.projection", "unknown projection '" + projection + "' (valid: perspective, orthographic)");
    }
    camera.orthographic = projection == "orthographic";
  }
}

void read_annotations(const json& root, const Reader& r, Scene& scene) {
  if (!root.contains("annotations")) return;
  if (!root["annotations"].is_array())
    r.fail("annotations", "expected a list [ {\"text\": ..., \"at\": [x, y]}, ... ]");
  std::size_t i = 0;
  for (const json& item : root["annotations"]) {
    const std::string path = json_path("annotations", i++);
    r.object(item, path);
    r.only_keys(item, path, {"text", "at", "f"});
    Annotation a;
    if (!item.contains("text")) r.fail(path, "missing \"text\"");
    if (!item.contains("at")) r.fail(path, "missing \"at\": [x, y], where the label points");
    a.text = r.text(item["text"], json_path(path, "text"));
    if (a.text.empty()) r.fail(json_path(path, "text"), "must not be empty");
    a.at = r.point(item["at"], json_path(path, "at"));
    if (item.contains("f")) a.f = r.number(item["f"], json_path(path, "f"));
    scene.annotations.push_back(a);
  }
}

// The render object's keys as the unknown-key message has always listed them: by kind (switches,
// groups, names, the rest), each in the table's order.
std::vector<std::string> render_keys() {
  std::vector<std::string> by_kind[4];
  for (const ViewField& field : view_fields()) {
    const auto [group, name] = split_view_key(field.key);
    std::vector<std::string>& keys = by_kind[!group.empty() ? 1 : field.on_off ? 0 : field.names ? 2 : 3];
    const std::string key = group.empty() ? name : group;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    if (field.alias) keys.emplace_back(field.alias);
  }
  std::vector<std::string> all;
  for (const std::vector<std::string>& keys : by_kind) all.insert(all.end(), keys.begin(), keys.end());
  return all;
}

std::vector<std::string> group_keys(const std::string& group) {
  std::vector<std::string> keys;
  for (const ViewField& field : view_fields()) {
    if (auto [g, name] = split_view_key(field.key); g == group) keys.push_back(name);
  }
  return keys;
}

// A view setting's value, checked as its row says: a switch, a number in its range, a name from
// its list, or text it takes.
void read_view_value(const json& value, const std::string& path, const ViewField& field, const Reader& r,
                     ViewSettings& view) {
  if (field.on_off) {
    view.*field.on_off = r.boolean(value, path);
  } else if (field.number && (value.is_number() || !field.set_text)) {
    field.set_number(view, field.whole ? static_cast<double>(r.integer_in(value, path, static_cast<long long>(field.lo),
                                                                          static_cast<long long>(field.hi)))
                                       : r.number_in(value, path, field.lo, field.hi));
  } else if (field.names) {
    const std::string name = r.text(value, path);
    if (!field.set_text(name, view)) {
      const std::string what = field.noun ? std::string(field.noun) + " " : std::string();
      r.fail(path, "unknown " + what + "'" + name + "' (valid: " + join_names(field.names()) + ")");
    }
  } else if (!value.is_string() || !field.set_text(value.get<std::string>(), view)) {
    r.fail(path, std::string(field.expected_in_file) + ", got " + shown(value));
  }
}

// One view setting, where the render object gives it; a group's object ("arrows") is checked
// with its first setting.
void read_view_field(const json& render, const ViewField& field, const Reader& r, ViewSettings& view) {
  const auto [group, name] = split_view_key(field.key);
  const json* holder = &render;
  std::string path = "render";
  if (!group.empty()) {
    if (!render.contains(group)) return;
    path = json_path(path, group);
    holder = &r.object(render[group], path);
    r.only_keys(*holder, path, group_keys(group));
    if (field.on_with_group && !holder->contains(name)) view.*field.on_off = true;
  }
  for (const char* key : {name.c_str(), field.alias}) {
    if (key && holder->contains(key)) read_view_value((*holder)[key], json_path(path, key), field, r, view);
  }
}

void read_render(const json& root, const Reader& r, Scene& scene) {
  if (!root.contains("render")) return;
  const json& v = r.object(root["render"], "render");
  r.only_keys(v, "render", render_keys());
  for (const ViewField& field : view_fields()) read_view_field(v, field, r, scene.view);
  view_as_read(scene.view);  // colouring by basin, as files write it
}

void read_noise(const json& root, const Reader& r, Scene& scene) {
  if (!root.contains("noise")) return;
  const json& n = r.object(root["noise"], "noise");
  r.only_keys(n, "noise", {"sigma", "batch_size", "seed"});
  if (n.contains("sigma")) scene.noise.sigma = r.number_in(n["sigma"], "noise.sigma", 0.0, kMaxNoiseSigma);
  // Whether it fits the data (1 to the sample count, a data-backed cost) is the factory's check.
  if (n.contains("batch_size"))
    scene.noise.batch_size = static_cast<std::size_t>(r.integer_in(n["batch_size"], "noise.batch_size", 1, 10'000'000));
  if (n.contains("seed"))
    scene.noise.seed = static_cast<std::uint64_t>(r.integer_in(n["seed"], "noise.seed", 0, 1LL << 53));
}

void read_playback(const json& root, const Reader& r, Scene& scene) {
  if (!root.contains("playback")) return;
  const json& p = r.object(root["playback"], "playback");
  r.only_keys(p, "playback", {"steps_per_second", "playing"});
  if (p.contains("steps_per_second")) {
    scene.playback.steps_per_second = r.number_in(p["steps_per_second"], "playback.steps_per_second", 0.1, 1000.0);
  }
  if (p.contains("playing")) scene.playback.playing = r.boolean(p["playing"], "playback.playing");
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 4, column 3: syntax error ..."
// as "FILE:4:3: syntax error ...".
std::string syntax_error(const std::string& name, const std::string& what) {
  const auto at = what.find("at line ");
  const auto colon = what.find(": ", at == std::string::npos ? 0 : at);
  std::size_t line = 0, column = 0;
  if (at != std::string::npos && std::sscanf(what.c_str() + at, "at line %zu, column %zu", &line, &column) == 2 &&
      colon != std::string::npos) {
    return name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what.substr(colon + 2);
  }
  return name + ": " + what.substr(what.find("] ") == std::string::npos ? 0 : what.find("] ") + 2);
}

// A scene file nests four levels deep (render.arrows.gradient). Deeper text is refused while it is
// parsed, before JsonPositions recurses over it: a file of a million '[' overflowed the stack.
constexpr int kMaxNesting = 64;
struct NestedTooDeep {};

// JSON text, or one line naming the file. Every exception nlohmann throws while parsing is caught,
// not only its parse_error: a number too large for a double (1e400) is an out_of_range error,
// which used to end the program.
Result<json> parse_json(const std::string& text, const std::string& name) {
  try {
    return json::parse(text, [](int depth, json::parse_event_t, json&) {
      if (depth >= kMaxNesting) throw NestedTooDeep{};
      return true;
    });
  } catch (const NestedTooDeep&) {
    return Error{one_line(name) + ": nested more than " + std::to_string(kMaxNesting) + " levels deep"};
  } catch (const json::exception& e) {
    return Error{one_line(syntax_error(name, e.what()))};
  }
}

}  // namespace

Result<Scene> read_scene(const std::string& text, const std::string& name, const std::string& directory,
                         SceneSource* source_out) {
  SceneSource source;
  source.file = name;
  auto parsed = parse_json(text, name);
  if (!parsed) return Error{parsed.error()};
  json& root = *parsed;
  source.positions = JsonPositions::scan(text);
  Scene scene;
  scene.directory = directory;
  const Reader r(source);
  try {
    r.object(root, "", "a scene: an object { \"function\": ..., ... }");
    r.only_keys(root, "",
                {"title", "function", "parameters", "domain", "surface_height", "zmax", "balls", "swarm", "noise",
                 "camera", "annotations", "render", "playback"});
    if (root.contains("title")) scene.title = r.text(root["title"], "title");
    read_function(root, r, source, scene);
    read_surface_height(root, r, scene);
    read_balls(root, r, scene);
    read_swarm(root, r, scene);
    read_noise(root, r, scene);
    read_camera(root, r, scene);
    read_annotations(root, r, scene);
    read_render(root, r, scene);
    read_playback(root, r, scene);
  } catch (const SceneError& e) {
    return Error{e.message};
  }
  if (source_out) *source_out = std::move(source);
  return scene;
}

namespace {

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{"cannot open " + one_line(path) + ": " + (path_exists(path) ? "permission denied" : "no such file")};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string folder_of(const std::string& path) { return std::filesystem::path(path).parent_path().string(); }

}  // namespace

Result<Scene> load_scene_file(const std::string& path, SceneSource* source) {
  const auto text = read_text_file(path);
  if (!text) return Error{text.error()};
  return read_scene(*text, path, folder_of(path), source);
}

Result<Deck> load_deck_or_scene(const std::string& path) {
  const auto read = read_text_file(path);
  if (!read) return Error{read.error()};
  const std::string& text = *read;
  auto parsed = parse_json(text, path);
  if (!parsed) return Error{parsed.error()};
  json& root = *parsed;
  Deck deck;
  if (!root.is_object() || !root.contains("scenes")) {  // a single scene: a deck of one
    SceneSource source;
    auto scene = read_scene(text, path, folder_of(path), &source);
    if (!scene) return Error{scene.error()};
    deck.title = scene->title;
    deck.files.push_back(path);
    deck.scenes.push_back(std::move(*scene));
    deck.sources.push_back(std::move(source));
    return deck;
  }
  SceneSource source{path, JsonPositions::scan(text)};
  const Reader r(source);
  try {
    r.only_keys(root, "", {"title", "scenes"});
    if (root.contains("title")) deck.title = r.text(root["title"], "title");
    if (!root["scenes"].is_array() || root["scenes"].empty()) {
      r.fail("scenes", "expected a list of scene files, e.g. [\"bowl.json\", \"rosenbrock.json\"]");
    }
    std::size_t i = 0;
    for (const json& item : root["scenes"]) {
      const std::string at = json_path("scenes", i++);
      const std::filesystem::path relative = r.text(item, at);
      const std::string file = (std::filesystem::path(folder_of(path)) / relative).lexically_normal().string();
      SceneSource scene_source;
      if (!path_exists(file)) r.fail(at, "no scene file " + file);
      auto scene = load_scene_file(file, &scene_source);
      if (!scene) throw SceneError(scene.error());
      deck.files.push_back(file);
      deck.scenes.push_back(std::move(*scene));
      deck.sources.push_back(std::move(scene_source));
    }
  } catch (const SceneError& e) {
    return Error{e.message};
  }
  return deck;
}

}  // namespace losscape
