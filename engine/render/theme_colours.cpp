#include "engine/render/theme_colours.hpp"

namespace losscape {

const ThemeColours& theme_colours(Theme theme) {
  // Dark: the lecture hall, a projector's blacks and light lines. Light: white paper, a sky that
  // is nearly white, lines and text dark enough to survive a photocopier.
  static const ThemeColours kDark{{0.30f, 0.33f, 0.40f},          {0.09f, 0.10f, 0.14f},
                                  {0.75f, 0.78f, 0.85f, 0.22f},   {0.85f, 0.88f, 0.95f, 0.45f},
                                  {0.96f, 0.96f, 0.94f, 1.0f},    {0.063f, 0.071f, 0.094f, 0.73f},
                                  {0.063f, 0.071f, 0.094f, 0.85f}};
  static const ThemeColours kLight{{1.0f, 1.0f, 1.0f},           {0.89f, 0.91f, 0.95f},
                                   {0.20f, 0.22f, 0.28f, 0.30f}, {0.12f, 0.13f, 0.17f, 0.75f},
                                   {0.07f, 0.08f, 0.10f, 1.0f},  {0.98f, 0.98f, 0.99f, 0.82f},
                                   {1.0f, 1.0f, 1.0f, 0.9f}};
  return theme == Theme::light ? kLight : kDark;
}

}  // namespace losscape
