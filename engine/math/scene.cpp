#include "engine/math/scene.hpp"

#include <array>

namespace losscape {

bool operator==(const Domain& a, const Domain& b) {
  return a.x_min == b.x_min && a.x_max == b.x_max && a.y_min == b.y_min && a.y_max == b.y_max;
}

namespace {

constexpr std::array<std::pair<Colormap, const char*>, 5> kColormaps = {{
    {Colormap::viridis, "viridis"}, {Colormap::magma, "magma"}, {Colormap::cividis, "cividis"},
    {Colormap::turbo, "turbo"}, {Colormap::terrain, "terrain"},
}};

}  // namespace

const char* to_string(Colormap colormap) {
  for (const auto& [value, name] : kColormaps) {
    if (value == colormap) return name;
  }
  return "viridis";
}

bool parse_colormap(const std::string& text, Colormap& out) {
  for (const auto& [value, name] : kColormaps) {
    if (text == name) {
      out = value;
      return true;
    }
  }
  return false;
}

const std::vector<std::string>& colormap_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const auto& entry : kColormaps) result.emplace_back(entry.second);
    return result;
  }();
  return names;
}

const char* to_string(ColourBy colour_by) { return colour_by == ColourBy::slope ? "slope" : "height"; }

bool set_colour_by(const std::string& text, ViewSettings& view) {
  if (text == "basin") {
    view.show_basins = true;
    view.basin_opacity = 1.0f;
    return true;
  }
  if (!parse_colour_by(text, view.colour_by)) return false;
  if (colours_by_basin(view)) view.show_basins = false;
  return true;
}

bool colours_by_basin(const ViewSettings& view) { return view.show_basins && view.basin_opacity >= 1.0f; }

bool parse_colour_by(const std::string& text, ColourBy& out) {
  if (text == "height") out = ColourBy::height;
  else if (text == "slope") out = ColourBy::slope;
  else return false;
  return true;
}

}  // namespace losscape
