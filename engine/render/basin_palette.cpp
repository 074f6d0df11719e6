#include "engine/render/basin_palette.hpp"

#include "engine/sim/minimum_catalogue.hpp"

namespace losscape {

glm::vec3 basin_colour(std::int32_t label) {
  // Tableau 10: distinct for colour-blind viewers too, and readable on a projector.
  static const glm::vec3 palette[] = {
      {0.31f, 0.47f, 0.65f}, {0.95f, 0.56f, 0.17f}, {0.88f, 0.34f, 0.35f}, {0.46f, 0.72f, 0.70f}, {0.35f, 0.63f, 0.31f},
      {0.93f, 0.79f, 0.28f}, {0.69f, 0.48f, 0.63f}, {1.00f, 0.62f, 0.65f}, {0.61f, 0.46f, 0.37f}, {0.73f, 0.69f, 0.67f},
  };
  switch (label) {
    case kDiverged: return {0.05f, 0.05f, 0.05f};
    case kNotConverged: return {0.45f, 0.45f, 0.45f};
    case kUndefined: return {0.35f, 0.0f, 0.0f};
    case kLeftDomain: return {0.25f, 0.20f, 0.35f};
    default: return palette[static_cast<std::size_t>(label) % (sizeof palette / sizeof palette[0])];
  }
}

glm::vec3 swarm_member_colour(std::int32_t minimum) {
  return minimum == kNotConverged ? kRunningSwarmColour : basin_colour(minimum);
}

glm::vec3 ball_display_colour(const Ball& ball) { return ball.swarm ? swarm_member_colour(ball.minimum) : ball.colour; }

Image basin_image(const BasinMap& map) {
  Image image{map.grid, map.grid, std::vector<std::uint8_t>(static_cast<std::size_t>(map.grid) * map.grid * 4)};
  for (int j = 0; j < map.grid; ++j) {
    for (int i = 0; i < map.grid; ++i) {
      const glm::vec3 c = basin_colour(map.label[static_cast<std::size_t>(j) * map.grid + i]);
      std::uint8_t* p = image.pixel(i, map.grid - 1 - j);
      p[0] = static_cast<std::uint8_t>(c.r * 255.0f + 0.5f);
      p[1] = static_cast<std::uint8_t>(c.g * 255.0f + 0.5f);
      p[2] = static_cast<std::uint8_t>(c.b * 255.0f + 0.5f);
      p[3] = 255;
    }
  }
  return image;
}

}  // namespace losscape
