// Writing scene files: the keys in the documented order, floats as their shortest text (a saved
// camera reads "pitch": 36, not 36.000000596), so a saved scene is pleasant to edit by hand and
// reads back to exactly the scene that was saved.
#include "engine/core/optimizer.hpp"
#include "engine/scene/files/scene_file.hpp"
#include "engine/scene/files/shortest_float.hpp"
#include "engine/scene/view_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>

namespace losscape {

using ordered_json = nlohmann::ordered_json;

namespace {

ordered_json vector(glm::vec3 v) { return {shortest_float(v.x), shortest_float(v.y), shortest_float(v.z)}; }

// "#rrggbb" when the colour is exactly one (as every colour read from "#rrggbb" is), else [r, g, b].
ordered_json colour(glm::vec3 c) {
  bool exact = true;
  unsigned bytes[3];
  for (int i = 0; i < 3; ++i) {
    bytes[i] = static_cast<unsigned>(std::lround(c[i] * 255.0f));
    exact = exact && static_cast<float>(bytes[i]) / 255.0f == c[i];
  }
  if (!exact) return vector(c);
  char hex[8];
  std::snprintf(hex, sizeof hex, "#%02x%02x%02x", bytes[0], bytes[1], bytes[2]);
  return hex;
}

ordered_json optimizer(const OptimizerSpec& spec) {
  if (spec.parameters.empty() && !spec.schedule) return spec.name;
  ordered_json o;
  o["name"] = spec.name;
  // Whole-number parameters (torch's boolean options) as 1, not 1.0.
  const auto made = make_optimizer(spec.name);
  const auto whole = [&](const std::string& key) {
    if (!made) return false;
    const auto& table = made->parameter_table();
    return std::any_of(table.begin(), table.end(), [&](const ParameterSpec& p) { return p.key == key && p.whole; });
  };
  for (const auto& [key, value] : spec.parameters)
    o[key] = whole(key) ? ordered_json(static_cast<long long>(value)) : ordered_json(value);
  if (spec.schedule) o["schedule"] = format_schedule(*spec.schedule);
  return o;
}

ordered_json camera(const CameraSpec& c) {
  const bool numbers = c.yaw || c.pitch || c.distance || c.fov || c.target || c.position || c.orthographic;
  if (!numbers) return c.view.empty() ? ordered_json(nullptr) : ordered_json(c.view);
  ordered_json o;
  if (!c.view.empty()) o["view"] = c.view;
  if (c.yaw) o["yaw"] = shortest_float(*c.yaw);
  if (c.pitch) o["pitch"] = shortest_float(*c.pitch);
  if (c.distance) o["distance"] = shortest_float(*c.distance);
  if (c.fov) o["fov"] = shortest_float(*c.fov);
  if (c.target) o["target"] = vector(*c.target);
  if (c.position) o["position"] = vector(*c.position);
  if (c.orthographic) o["projection"] = *c.orthographic ? "orthographic" : "perspective";
  return o;
}

// One view setting as files write it; null: the default, which files leave out.
ordered_json written(const ViewField& field, const ViewSettings& view) {
  if (field.on_off) return view.*field.on_off;
  if (const std::optional<double> x = field.number ? field.number(view) : std::nullopt) {
    return field.whole ? ordered_json(static_cast<long long>(*x))
                       : ordered_json(shortest_float(static_cast<float>(*x)));
  }
  const std::string text = field.text ? field.text(view) : std::string();
  return text.empty() ? ordered_json(nullptr) : ordered_json(text);
}

ordered_json render(const ViewSettings& view) {
  const ViewSettings v = view_as_written(view);
  ordered_json o;
  for (const ViewField& field : view_fields()) {
    ordered_json value = written(field, v);
    if (value.is_null()) continue;
    const auto [group, name] = split_view_key(field.key);
    (group.empty() ? o : o[group])[name] = std::move(value);
  }
  return o;
}

// JSON as a person would lay it out: objects one key a line, but a list of numbers and a small
// object of plain values or such lists ({"text": "minimum", "at": [1, 1]}) on one line.
std::string layout(const ordered_json& value, int indent) {
  const auto scalar = [](const ordered_json& v) { return !v.is_object() && !v.is_array(); };
  const auto plain = [&](const ordered_json& v) {
    return scalar(v) || (v.is_array() && std::all_of(v.begin(), v.end(), scalar));
  };
  if (value.is_array() && std::all_of(value.begin(), value.end(), scalar)) {
    std::string out = "[";
    for (std::size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + value[i].dump();
    return out + "]";
  }
  const std::string pad(static_cast<std::size_t>(indent) + 2, ' '), close(static_cast<std::size_t>(indent), ' ');
  if (value.is_array()) {
    std::string out = "[\n";
    for (std::size_t i = 0; i < value.size(); ++i)
      out += pad + layout(value[i], indent + 2) + (i + 1 < value.size() ? ",\n" : "\n");
    return out + close + "]";
  }
  if (!value.is_object()) return value.dump();
  if (value.empty()) return "{}";
  if (std::all_of(value.begin(), value.end(), plain)) {
    std::string inline_form = "{";
    for (const auto& [key, v] : value.items()) {
      inline_form += (inline_form.size() > 1 ? ", " : "") + ordered_json(key).dump() + ": " + layout(v, indent);
    }
    inline_form += "}";
    if (inline_form.size() + static_cast<std::size_t>(indent) <= 80) return inline_form;
  }
  std::string out = "{\n";
  std::size_t i = 0;
  for (const auto& [key, v] : value.items()) {
    out += pad + ordered_json(key).dump() + ": " + layout(v, indent + 2) + (++i < value.size() ? ",\n" : "\n");
  }
  return out + close + "}";
}

}  // namespace

std::string write_scene(const Scene& scene) {
  ordered_json o;
  if (!scene.title.empty()) o["title"] = scene.title;
  o["function"] = function_source_text(scene.function);
  if (!scene.formula_parameters.empty()) {
    ordered_json parameters = ordered_json::object();
    for (const auto& [name, value] : scene.formula_parameters) parameters[name] = value;
    o["parameters"] = parameters;
  }
  if (scene.domain) o["domain"] = {scene.domain->x_min, scene.domain->x_max, scene.domain->y_min, scene.domain->y_max};
  if (const auto* surface = std::get_if<LossSurfaceSource>(&scene.function)) {
    if (surface->height.scale != SurfaceScale::linear) o["surface_height"] = surface_scale_name(surface->height.scale);
    if (surface->height.zmax) o["zmax"] = *surface->height.zmax;
  }
  if (!scene.balls.empty()) {
    ordered_json balls = ordered_json::array();
    for (const BallSpec& b : scene.balls) {
      ordered_json ball;
      if (replays_path(b)) {
        ball["trajectory"] = b.trajectory;  // its start and steps are the file's
      } else if (runs_solver(b)) {
        if (b.start) ball["start"] = {b.start->x, b.start->y};
        ball["solver"] = b.solver;
        if (b.solver_timeout) ball["solver_timeout"] = *b.solver_timeout;
      } else {
        if (b.start) ball["start"] = {b.start->x, b.start->y};
        ball["optimizer"] = optimizer(b.optimizer);
      }
      if (b.colour) ball["colour"] = colour(*b.colour);
      if (!b.label.empty()) ball["label"] = b.label;
      balls.push_back(ball);
    }
    o["balls"] = balls;
  }
  if (scene.swarm) {
    ordered_json swarm;
    swarm["count"] = scene.swarm->layout.count;
    swarm["layout"] = to_string(scene.swarm->layout.layout);
    swarm["seed"] = scene.swarm->layout.seed;
    if (scene.swarm->optimizer) swarm["optimizer"] = optimizer(*scene.swarm->optimizer);
    o["swarm"] = swarm;
  }
  if (scene.noise != GradientNoise{}) {  // a noiseless scene's file stays as it was
    ordered_json noise{{"sigma", scene.noise.sigma}};
    if (scene.noise.batch_size) noise["batch_size"] = *scene.noise.batch_size;
    noise["seed"] = scene.noise.seed;
    o["noise"] = noise;
  }
  if (ordered_json c = camera(scene.camera); !c.is_null()) o["camera"] = c;
  if (!scene.annotations.empty()) {
    ordered_json annotations = ordered_json::array();
    for (const Annotation& a : scene.annotations) {
      ordered_json item{{"text", a.text}, {"at", {a.at.x, a.at.y}}};
      if (a.f) item["f"] = *a.f;
      annotations.push_back(item);
    }
    o["annotations"] = annotations;
  }
  o["render"] = render(scene.view);
  o["playback"] = {{"steps_per_second", scene.playback.steps_per_second}, {"playing", scene.playback.playing}};
  return layout(o, 0) + "\n";
}

Status save_scene_file(const std::string& path, const Scene& scene) {
  const std::string text = write_scene(scene);
  std::ofstream out(path, std::ios::binary);
  if (!out) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  out << text;
  out.close();
  if (!out) return Error{"cannot write " + path + ": write error"};
  return {};
}

}  // namespace losscape
