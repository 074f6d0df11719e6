#pragma once
// The colours of a theme (Theme in engine/scene/scene.hpp), for everything drawn around the
// terrain: the sky, the floor grid and box, and the ink and backdrops of the text over the
// picture (the app converts them for ImGui). The terrain's colour maps stay as they are in both:
// the colours are the data.
#include "engine/scene/scene.hpp"

#include <glm/glm.hpp>

namespace losscape {

struct ThemeColours {
  glm::vec3 sky_horizon, sky_zenith;  // the sky's gradient, bottom to top
  glm::vec4 grid, box;                // floor grid lines; the box's floor rectangle (its top and verticals fainter)
  glm::vec4 ink;                      // text and leader lines over the picture
  glm::vec4 backdrop;                 // behind text: reads over any terrain or sky
  glm::vec4 halo;                     // around text drawn without a backdrop (axis labels)
};

const ThemeColours& theme_colours(Theme theme);

}  // namespace losscape
