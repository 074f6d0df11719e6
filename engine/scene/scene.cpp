#include "engine/scene/scene.hpp"

#include "engine/core/optimizers/path_replay.hpp"
#include "engine/scene/external_solver.hpp"

#include <algorithm>

#include <array>
#include <charconv>

namespace losscape {

bool operator==(const Domain& a, const Domain& b) {
  return a.x_min == b.x_min && a.x_max == b.x_max && a.y_min == b.y_min && a.y_max == b.y_max;
}

BallSpec replay_ball(std::string path) {
  BallSpec ball;
  ball.optimizer.name = PathReplay::kName;  // matches no registry name: no panel row or edit takes it
  ball.trajectory = std::move(path);
  return ball;
}

BallSpec solver_ball(std::string command) {
  BallSpec ball;
  ball.optimizer.name = ExternalSolver::kName;  // matches no registry name, as a replay's
  ball.solver = std::move(command);
  return ball;
}

namespace {

// The names used in files and on the command line, each enum's in its order.
constexpr std::array<std::pair<Colormap, const char*>, 5> kColormaps = {{
    {Colormap::viridis, "viridis"},
    {Colormap::magma, "magma"},
    {Colormap::cividis, "cividis"},
    {Colormap::turbo, "turbo"},
    {Colormap::terrain, "terrain"},
}};
constexpr std::array<std::pair<ColourBy, const char*>, 3> kColourBys = {
    {{ColourBy::height, "height"}, {ColourBy::slope, "slope"}, {ColourBy::basin, "basin"}}};
constexpr std::array<std::pair<Theme, const char*>, 2> kThemes = {{{Theme::dark, "dark"}, {Theme::light, "light"}}};

template <typename Table, typename Enum>
const char* name_in(const Table& table, Enum value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table.front().second;
}

template <typename Table>
std::vector<std::string> names_in(const Table& table) {
  std::vector<std::string> names;
  names.reserve(table.size());
  for (const auto& entry : table) names.emplace_back(entry.second);
  return names;
}

template <typename Table, typename Enum>
bool parse_in(const Table& table, const std::string& text, Enum& out) {
  for (const auto& [value, name] : table) {
    if (text == name) {
      out = value;
      return true;
    }
  }
  return false;
}

}  // namespace

const char* to_string(Colormap colormap) { return name_in(kColormaps, colormap); }
bool parse_colormap(const std::string& text, Colormap& out) { return parse_in(kColormaps, text, out); }

const std::vector<std::string>& colormap_names() {
  static const std::vector<std::string> names = names_in(kColormaps);
  return names;
}

const char* to_string(ColourBy colour_by) { return name_in(kColourBys, colour_by); }
bool parse_colour_by(const std::string& text, ColourBy& out) { return parse_in(kColourBys, text, out); }

const std::vector<std::string>& colour_by_names() {
  static const std::vector<std::string> names = names_in(kColourBys);
  return names;
}

std::optional<float> basin_map_opacity(const ViewSettings& view) {
  if (view.colour_by == ColourBy::basin) return 1.0f;
  if (view.show_basins) return view.basin_opacity;
  return std::nullopt;
}

bool colours_by_basin(const ViewSettings& view) { return basin_map_opacity(view).value_or(0.0f) >= 1.0f; }

void set_named_value(std::vector<std::pair<std::string, double>>& list, const std::string& name, double value) {
  list.erase(std::remove_if(list.begin(), list.end(), [&](const auto& entry) { return entry.first == name; }),
             list.end());
  list.emplace_back(name, value);
}

bool set_colour_by(const std::string& text, ViewSettings& view) {
  const bool was_basin = view.colour_by == ColourBy::basin;
  if (!parse_colour_by(text, view.colour_by)) return false;
  if (was_basin && view.colour_by != ColourBy::basin) view.show_basins = false;
  return true;
}

void toggle_basin_map(ViewSettings& view) {
  if (view.colour_by == ColourBy::basin) {
    view.colour_by = ColourBy::height;
    view.show_basins = false;
  } else {
    view.show_basins = !view.show_basins;
  }
}

const char* to_string(Theme theme) { return name_in(kThemes, theme); }
bool parse_theme(const std::string& text, Theme& out) { return parse_in(kThemes, text, out); }

const std::vector<std::string>& theme_names() {
  static const std::vector<std::string> names = names_in(kThemes);
  return names;
}

namespace {

// A whole number lo to hi and nothing else.
bool parse_int_in(std::string_view text, int lo, int hi, int& out) {
  int n = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size() || n < lo || n > hi) return false;
  out = n;
  return true;
}

}  // namespace

bool parse_terrain_resolution(const std::string& text, ViewSettings& view) {
  constexpr std::string_view kAuto = "auto", kAutoAtLeast = "auto:";
  int n = 0;
  if (text == kAuto) {
    view.terrain_resolution.reset(), view.terrain_min_finest = 0;
  } else if (text.starts_with(kAutoAtLeast) &&
             parse_int_in(std::string_view(text).substr(kAutoAtLeast.size()), 2, 1025, n)) {
    view.terrain_resolution.reset(), view.terrain_min_finest = n;
  } else if (parse_int_in(text, 2, 2048, n)) {
    view.terrain_resolution = n, view.terrain_min_finest = 0;
  } else {
    return false;
  }
  return true;
}

std::string terrain_resolution_name(const ViewSettings& view) {
  if (view.terrain_resolution) return std::to_string(*view.terrain_resolution);
  return view.terrain_min_finest > 0 ? "auto:" + std::to_string(view.terrain_min_finest) : "auto";
}

}  // namespace losscape
