#include "engine/render/terrain/terrain_programs.hpp"

namespace losscape {

namespace {

// Coloured by basin, the ground has height's colours under the opaque map (and until the map is
// computed): the program for height draws it, rather than a second one compiled for it.
ColourBy drawn_colours(ColourBy by) { return by == ColourBy::basin ? ColourBy::height : by; }

}  // namespace

TerrainLook terrain_look(const ViewSettings& view) {
  return {view.colormap, drawn_colours(view.colour_by), view.show_contours, view.show_wireframe};
}

TerrainLook floor_map_look(const ViewSettings& view) {
  return {view.colormap, drawn_colours(view.colour_by), true, false, true};
}

std::string terrain_defines(const TerrainLook& look) {
  // The colour map's number is its place in enum Colormap, as colormap() in colormap.glsl reads it.
  return "#define COLORMAP " + std::to_string(static_cast<int>(look.colormap)) + "\n" + "#define COLOUR_BY_SLOPE " +
         (look.colour_by == ColourBy::slope ? "1" : "0") + "\n" + "#define CONTOURS " + (look.contours ? "1" : "0") +
         "\n" + "#define WIREFRAME " + (look.wireframe ? "1" : "0") + "\n" + "#define FLOOR_MAP " +
         (look.floor_map ? "1" : "0") + "\n";
}

std::string TerrainPrograms::init() {
  programs_.clear();
  unreported_error_.clear();
  const TerrainLook default_look;
  auto& program =
      programs_.try_emplace(default_look, "terrain.vert", "terrain.frag", terrain_defines(default_look)).first->second;
  std::string error = program.load();
  ready_ = error.empty();
  return error;
}

const ShaderProgram* TerrainPrograms::get(const TerrainLook& look) {
  auto [it, inserted] = programs_.try_emplace(look, "terrain.vert", "terrain.frag", terrain_defines(look));
  if (inserted) {
    if (std::string error = it->second.load(); !error.empty() && unreported_error_.empty()) unreported_error_ = error;
  }
  return it->second.valid() ? &it->second : nullptr;
}

std::string TerrainPrograms::reload_changed() {
  std::string first_error = std::move(unreported_error_);
  unreported_error_.clear();
  for (auto& [look, program] : programs_) {
    std::string error = program.reload_if_changed();
    if (first_error.empty()) first_error = error;
  }
  return first_error;
}

}  // namespace losscape
