#include "engine/app/basin_output.hpp"

#include "engine/render/png_writer.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace losscape {

glm::vec3 basin_colour(std::int32_t label) {
  // Tableau 10: distinct for colour-blind viewers too, and readable on a projector.
  static const glm::vec3 palette[] = {
      {0.31f, 0.47f, 0.65f}, {0.95f, 0.56f, 0.17f}, {0.88f, 0.34f, 0.35f}, {0.46f, 0.72f, 0.70f},
      {0.35f, 0.63f, 0.31f}, {0.93f, 0.79f, 0.28f}, {0.69f, 0.48f, 0.63f}, {1.00f, 0.62f, 0.65f},
      {0.61f, 0.46f, 0.37f}, {0.73f, 0.69f, 0.67f},
  };
  switch (label) {
    case kDiverged: return {0.05f, 0.05f, 0.05f};
    case kNotConverged: return {0.45f, 0.45f, 0.45f};
    case kUndefined: return {0.35f, 0.0f, 0.0f};
    case kLeftDomain: return {0.25f, 0.20f, 0.35f};
    default: return palette[static_cast<std::size_t>(label) % (sizeof palette / sizeof palette[0])];
  }
}

std::string write_basin_png(const std::string& path, const BasinMap& map) {
  Image image{map.grid, map.grid, std::vector<std::uint8_t>(static_cast<std::size_t>(map.grid) * map.grid * 4)};
  for (int j = 0; j < map.grid; ++j) {
    for (int i = 0; i < map.grid; ++i) {
      const glm::vec3 c = basin_colour(map.label[static_cast<std::size_t>(j) * map.grid + i]);
      std::uint8_t* p = image.pixel(i, map.grid - 1 - j);  // north up
      p[0] = static_cast<std::uint8_t>(c.r * 255.0f + 0.5f);
      p[1] = static_cast<std::uint8_t>(c.g * 255.0f + 0.5f);
      p[2] = static_cast<std::uint8_t>(c.b * 255.0f + 0.5f);
      p[3] = 255;
    }
  }
  return write_png(path, image);
}

std::string write_basin_csv(const std::string& path, const BasinMap& map) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!file) return "cannot write " + path + ": " + std::strerror(errno);
  std::fputs("x0,y0,minimum,minimum_x,minimum_y,steps,status\n", file.get());
  for (int j = 0; j < map.grid; ++j) {
    for (int i = 0; i < map.grid; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * map.grid + i;
      const glm::dvec2 s = map.start(i, j);
      const std::int32_t label = map.label[k];
      if (label >= 0) {
        const glm::dvec2 m = map.minima[static_cast<std::size_t>(label)].position;
        std::fprintf(file.get(), "%.17g,%.17g,%d,%.17g,%.17g,%u,%s\n", s.x, s.y, label, m.x, m.y, map.steps[k],
                     to_string(map.status[k]));
      } else {
        std::fprintf(file.get(), "%.17g,%.17g,-1,,,%u,%s\n", s.x, s.y, map.steps[k], to_string(map.status[k]));
      }
    }
  }
  if (std::ferror(file.get())) return "cannot write " + path + ": write error";
  return {};
}

void print_basin_summary(const BasinMap& map) {
  const double n = static_cast<double>(map.label.size());
  for (std::size_t m = 0; m < map.minima.size(); ++m) {
    const BasinMinimum& b = map.minima[m];
    std::printf("minimum %zu at (%.6g, %.6g), f = %.6g%s: %5.1f%% of starts\n", m, b.position.x, b.position.y, b.value,
                b.known ? (b.global ? " (global)" : " (local)") : (b.global ? " (found, lowest)" : " (found)"), 100.0 * b.starts / n);
  }
  const std::pair<std::int32_t, const char*> others[] = {
      {kDiverged, "diverged"}, {kNotConverged, "not converged within the step limit"},
      {kUndefined, "undefined"}, {kLeftDomain, "left the domain"}};
  for (const auto& [outcome, text] : others) {
    if (const std::size_t c = map.count(outcome)) std::printf("%s: %5.1f%% of starts\n", text, 100.0 * c / n);
  }
  std::printf("%dx%d starts, %.3g point-steps in %.3f s: %.3g point-steps/s\n", map.grid, map.grid,
              static_cast<double>(map.point_steps), map.seconds,
              static_cast<double>(map.point_steps) / std::max(map.seconds, 1e-9));
}

}  // namespace losscape
