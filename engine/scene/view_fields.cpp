#include "engine/scene/view_fields.hpp"

#include "engine/sim/stability_axes.hpp"

namespace losscape {
namespace {

// The height scale by name: "linear", "log" (log(1 + f - min)); none, the function's own, is
// what files leave out.
const std::vector<std::string>& height_names() {
  static const std::vector<std::string> names = {"linear", "log"};
  return names;
}

std::string height_name(const ViewSettings& view) {
  if (!view.height) return {};
  return *view.height == HeightTransform::log1p ? "log" : "linear";
}

bool set_height(const std::string& text, ViewSettings& view) {
  if (text != "linear" && text != "log") return false;
  view.height = text == "log" ? HeightTransform::log1p : HeightTransform::linear;
  return true;
}

// The mesh: a uniform one is written as its number, automatic with a finest grid as text, and
// automatic, the default, not at all.
std::string resolution_text(const ViewSettings& view) {
  return view.terrain_min_finest > 0 ? terrain_resolution_name(view) : std::string();
}

std::optional<double> resolution_number(const ViewSettings& view) {
  if (!view.terrain_resolution) return std::nullopt;
  return *view.terrain_resolution;
}

// The rows' tooltips and help, long enough to be easier read here than in the table.
constexpr const char* kMarkersTip = "M: a pin on every known minimum (gold: global) and on minima the swarm or the\n"
                                    "basin map found; rest the pointer on one for its f value.";
constexpr const char* kFloorMapTip =
    "A flat contour map of f on the floor under the terrain, with the balls' paths on it:\n"
    "the 3D surface and the 2D picture students know from the textbook, at once.";
constexpr const char* kColourByTip = "Height: low to high. Slope: from flat (dark) to the steepest ground (bright).\n"
                                     "Basin: each point in the colour of the minimum a ball started there ends in (B).";
constexpr const char* kColourByHelp =
    "what the colours show: height (default), slope (|grad f|), or basin (where each start ends, as "
    "--show-basins fully opaque)";
constexpr const char* kResolutionHelp =
    "terrain mesh: auto (finer near the camera and where f bends; the default), auto:N (the same, its "
    "finest grid at least N a side) or N, a uniform N x N mesh (2 to 2048)";

}  // namespace

const std::vector<ViewField>& view_fields() {
  static const std::vector<ViewField> fields = {
      {.key = "trails", .on_off = &ViewSettings::show_trails, .label = "trails", .same_line = true},
      {.key = "grid",
       .on_off = &ViewSettings::show_bounds,
       .label = "grid and box",
       .tooltip = "The floor grid and the box around the terrain, with the values of x, y and f along their edges."},
      {.key = "markers",
       .on_off = &ViewSettings::show_markers,
       .label = "minima pins",
       .tooltip = kMarkersTip,
       .same_line = true},
      {.key = "shadows",
       .on_off = &ViewSettings::show_shadows,
       .label = "shadows",
       .tooltip = "Each ball's soft shadow on the terrain, so its height above the ground reads."},
      {.key = "contours",
       .on_off = &ViewSettings::show_contours,
       .flag = "--contours",
       .flag_help = "draw contour lines on the terrain, evenly spaced in the drawn height",
       .label = "contours",
       .tooltip = "Lines of equal f, evenly spaced in the drawn height (so in log f on a log scale).",
       .same_line = true},
      {.key = "wireframe",
       .on_off = &ViewSettings::show_wireframe,
       .flag = "--wireframe",
       .flag_help = "draw the terrain mesh's grid over it",
       .label = "wireframe",
       .tooltip = "The grid the terrain is drawn on: every fourth line of its finest grid.",
       .same_line = true},
      {.key = "floor_map",
       .on_off = &ViewSettings::show_floor_map,
       .flag = "--floor-map",
       .flag_help = "a flat contour map of f on the floor under the terrain, with the balls' paths",
       .label = "floor map",
       .tooltip = kFloorMapTip},
      {.key = "colourbar",
       .alias = "colorbar",
       .on_off = &ViewSettings::show_colourbar,
       .flag = "--colourbar,!--no-colourbar",
       .flag_help = "show (default) or hide the colour bar: the colour map's key with values",
       .label = "colour bar",
       .tooltip = "The colour map's key on the right, with the values of f (or |grad f|) it stands for."},
      {.key = "colormap",
       .names = colormap_names,
       .text = [](const ViewSettings& v) -> std::string { return to_string(v.colormap); },
       .set_text = [](const std::string& t, ViewSettings& v) { return parse_colormap(t, v.colormap); },
       .noun = "colour map",
       .flag = "--colormap",
       .flag_help = "terrain colours: viridis (default), magma, cividis, turbo or terrain",
       .label = "colours",
       .tooltip = "viridis, magma, cividis: even steps, fine in greyscale; turbo: a rainbow; terrain: map tints."},
      {.key = "colour_by",
       .alias = "color_by",
       .names = colour_by_names,
       .text = [](const ViewSettings& v) -> std::string { return to_string(v.colour_by); },
       .set_text = [](const std::string& t, ViewSettings& v) { return set_colour_by(t, v); },
       .flag = "--colour-by",
       .flag_help = kColourByHelp,
       .expected_on_command_line = "expected height, slope or basin",
       .label = "colour by",
       .tooltip = kColourByTip,
       .labels = {"height", "slope |grad f|", "basin of attraction"}},
      {.key = "height",
       .names = height_names,
       .text = height_name,
       .set_text = set_height,
       .noun = "height",
       .flag = "--height-scale",
       .flag_help = "draw f as height on a linear or log scale (log(1 + f - min)); default: the function's own",
       .expected_on_command_line = "expected linear or log",
       .label = "height",
       .tooltip = "How f becomes height: linear, or log(1 + f - min), which shows deep valleys in steep walls."},
      {.key = "resolution",
       .text = resolution_text,
       .set_text = parse_terrain_resolution,
       .number = resolution_number,
       .set_number =
           [](ViewSettings& v, double n) {
             v.terrain_resolution = static_cast<int>(n);
             v.terrain_min_finest = 0;
           },
       .lo = 2,
       .hi = 2048,
       .whole = true,
       .expected_in_file = "expected \"auto\", \"auto:N\" (N 2 to 1025) or vertices per side (2 to 2048)",
       .flag = "--resolution",
       .flag_help = kResolutionHelp,
       .expected_on_command_line =
           "expected auto, auto:N (finest grid at least N a side, 2 to 1025) or N (uniform, 2 to 2048)",
       .label = "mesh"},
      {.key = "theme",
       .names = theme_names,
       .text = [](const ViewSettings& v) -> std::string { return to_string(v.theme); },
       .set_text = [](const std::string& t, ViewSettings& v) { return parse_theme(t, v.theme); },
       .noun = "theme",
       .flag = "--theme",
       .flag_help = "dark (default: for the lecture hall) or light (white sky, dark lines: for print)",
       .expected_on_command_line = "expected dark or light",
       .label = "theme",
       .tooltip = "L: dark for the lecture hall (dark sky, light lines), light for printed notes (white sky, dark "
                  "lines)."},
      {.key = "arrows.gradient",
       .on_off = &ViewSettings::show_gradient,
       .label = "gradient arrow",
       .tooltip = "Downhill direction -grad f at each ball; longer where the slope is steeper.",
       .same_line = true},
      {.key = "arrows.velocity",
       .on_off = &ViewSettings::show_velocity,
       .label = "velocity arrow",
       .tooltip = "The method's momentum or velocity: where its memory pushes the ball."},
      {.key = "arrows.preview",
       .on_off = &ViewSettings::show_preview,
       .label = "next-step preview",
       .tooltip = "A ghost ball where the next solver step will land."},
      // The basin map's settings are in the panel's analysis section, beside the map they make.
      {.key = "basins.show",
       .on_with_group = true,
       .on_off = &ViewSettings::show_basins,
       .flag = "--show-basins",
       .flag_help = "paint the basin map of the first optimizer on the terrain (B in the window)"},
      {.key = "basins.opacity",
       .number = [](const ViewSettings& v) -> std::optional<double> { return v.basin_opacity; },
       .set_number = [](ViewSettings& v, double x) { v.basin_opacity = static_cast<float>(x); },
       .lo = 0,
       .hi = 1},
      {.key = "basins.grid",
       .number = [](const ViewSettings& v) -> std::optional<double> { return v.basin_grid; },
       .set_number = [](ViewSettings& v, double n) { v.basin_grid = static_cast<int>(n); },
       .lo = 2,
       .hi = 2048,
       .whole = true},
      {.key = "basins.steps",
       .number = [](const ViewSettings& v) -> std::optional<double> { return static_cast<double>(v.basin_steps); },
       .set_number = [](ViewSettings& v, double n) { v.basin_steps = static_cast<std::size_t>(n); },
       .lo = 1,
       .hi = 1000000,
       .whole = true},
      // Computed and shown by the Analysis section, which has its controls; its keys are checked
      // against the optimizer there.
      {.key = "stability.axes",
       .text = [](const ViewSettings& v) { return v.stability_axes; },
       .set_text =
           [](const std::string& text, ViewSettings& v) {
             if (!well_formed_stability_axes(text)) return false;
             v.stability_axes = text;
             return true;
           },
       .expected_in_file = "expected two parameters KEY[=LO:HI],KEY[=LO:HI], e.g. \"lr,momentum\""},
  };
  return fields;
}

std::pair<std::string, std::string> split_view_key(const std::string& key) {
  const auto dot = key.find('.');
  if (dot == std::string::npos) return {std::string(), key};
  return {key.substr(0, dot), key.substr(dot + 1)};
}

ViewSettings view_as_written(ViewSettings view) {
  if (view.colour_by == ColourBy::basin) {
    view.colour_by = ColourBy::height;
    view.show_basins = true;
    view.basin_opacity = 1.0f;
  }
  return view;
}

void view_as_read(ViewSettings& view) {
  if (view.colour_by == ColourBy::height && view.show_basins && view.basin_opacity >= 1.0f) {
    view.colour_by = ColourBy::basin;
    view.show_basins = false;
    view.basin_opacity = ViewSettings{}.basin_opacity;  // the overlay's own, when it is shown again
  }
}

std::string invalid_view_flag(const ViewField& field, const std::string& value) {
  std::string expected;
  if (field.expected_on_command_line) {
    expected = field.expected_on_command_line;
  } else {
    for (const std::string& name : field.names()) expected += (expected.empty() ? "expected " : ", ") + name;
  }
  const std::string flag = field.flag;
  return "invalid " + flag.substr(0, flag.find(',')) + " '" + value + "': " + expected;
}

}  // namespace losscape
