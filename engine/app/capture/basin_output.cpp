#include "engine/app/capture/basin_output.hpp"

#include "engine/render/basin_palette.hpp"
#include "engine/render/png_writer.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace losscape {

Status write_basin_png(const std::string& path, const BasinMap& map) { return write_png(path, basin_image(map)); }

Status write_basin_csv(const std::string& path, const BasinMap& map) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!file) return Error{"cannot write " + path + ": " + std::strerror(errno)};
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
  if (std::ferror(file.get())) return Error{"cannot write " + path + ": write error"};
  return {};
}

void print_basin_summary(const BasinMap& map) {
  const double n = static_cast<double>(map.label.size());
  for (std::size_t m = 0; m < map.minima.size(); ++m) {
    const BasinMinimum& b = map.minima[m];
    std::printf("minimum %zu at (%.6g, %.6g), f = %.6g%s: %5.1f%% of starts\n", m, b.position.x, b.position.y, b.value,
                b.known ? (b.global ? " (global)" : " (local)") : (b.global ? " (found, lowest)" : " (found)"),
                100.0 * static_cast<double>(b.starts) / n);
  }
  const std::pair<std::int32_t, const char*> others[] = {{kDiverged, "diverged"},
                                                         {kNotConverged, "not converged within the step limit"},
                                                         {kUndefined, "undefined"},
                                                         {kLeftDomain, "left the domain"}};
  for (const auto& [outcome, text] : others) {
    if (const std::size_t c = map.count(outcome))
      std::printf("%s: %5.1f%% of starts\n", text, 100.0 * static_cast<double>(c) / n);
  }
  std::printf("%dx%d starts, %.3g point-steps in %.3f s: %.3g point-steps/s\n", map.grid, map.grid,
              static_cast<double>(map.point_steps), map.seconds,
              static_cast<double>(map.point_steps) / std::max(map.seconds, 1e-9));
}

}  // namespace losscape
