#pragma once
// The terrain's shader programs, one per look (colour map, colour by, contours, wireframe),
// each compiled the first time it is asked for and then kept. The look is compiled in rather
// than chosen by uniforms because llvmpipe, the software renderer lecturers' laptops and CI
// fall back to, runs both sides of every `if`, even one on a uniform: measured at 1080p, the
// five colour maps behind uniform ifs made a frame 40% dearer than one map alone, and contour
// and wireframe code switched off by a uniform another 25%.
#include "engine/render/shader.hpp"
#include "engine/scene/scene.hpp"

#include <compare>
#include <map>
#include <string>

namespace losscape {

struct TerrainLook {
  Colormap colormap = Colormap::viridis;
  ColourBy colour_by = ColourBy::height;
  bool contours = false;
  bool wireframe = false;
  bool floor_map = false;                                // the terrain laid flat on the floor, as a contour map
  auto operator<=>(const TerrainLook&) const = default;  // NOLINT(modernize-use-nullptr): a clang-tidy 14 bug
};
TerrainLook terrain_look(const ViewSettings& view);
// The flat contour map under the terrain: the terrain's colours, always with contour lines.
TerrainLook floor_map_look(const ViewSettings& view);

// The #define lines that specialise shaders/terrain.frag for `look`.
std::string terrain_defines(const TerrainLook& look);

class TerrainPrograms {
 public:
  // Compiles the default look, so that a broken shader is reported at start; returns the error.
  Status init();
  bool ready() const { return ready_; }
  // The program for `look`, compiled now if it is new; nullptr when it failed to compile (the
  // error comes out of the next reload_changed()).
  const ShaderProgram* get(const TerrainLook& look);
  // Recompiles every program whose files changed; returns the first error, old programs kept.
  Status reload_changed();

 private:
  std::map<TerrainLook, ShaderProgram> programs_;
  std::string unreported_error_;
  bool ready_ = false;
};

}  // namespace losscape
