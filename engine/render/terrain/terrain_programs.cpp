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

Status TerrainPrograms::init() {
  programs_.clear();
  unreported_error_.clear();
  const TerrainLook default_look;
  auto& program =
      programs_.try_emplace(default_look, "terrain.vert", "terrain.frag", terrain_defines(default_look)).first->second;
  Status loaded = program.load();
  ready_ = loaded.ok();
  return loaded;
}

const ShaderProgram* TerrainPrograms::get(const TerrainLook& look) {
  auto [it, inserted] = programs_.try_emplace(look, "terrain.vert", "terrain.frag", terrain_defines(look));
  if (inserted) {
    if (Status loaded = it->second.load(); !loaded && unreported_error_.empty()) unreported_error_ = loaded.error();
  }
  return it->second.valid() ? &it->second : nullptr;
}

Status TerrainPrograms::reload_changed() {
  std::string first_error = std::move(unreported_error_);
  unreported_error_.clear();
  for (auto& [look, program] : programs_) {
    if (Status loaded = program.reload_if_changed(); !loaded && first_error.empty()) first_error = loaded.error();
  }
  return first_error.empty() ? Status() : Error{first_error};
}

}  // namespace losscape
