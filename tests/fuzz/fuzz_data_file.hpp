// What the data-file fuzz targets share: each input becomes a file, as the app reads a file given
// to it, and whatever loads is sampled inside, outside and on the edges of its domain.
#pragma once

#include "engine/core/cost_function.hpp"

#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

// The input written to one file per fuzzing process, in the temporary folder; its path.
inline std::string write_input_file(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("losscape-fuzz-data-" + std::to_string(::getpid()))).string();
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

inline void sample(const losscape::CostFunction& cost) {
  const losscape::Domain d = cost.domain();
  constexpr double inf = std::numeric_limits<double>::infinity();
  const glm::dvec2 points[] = {{d.x_min, d.y_min},
                               {d.x_max, d.y_max},
                               {0.5 * (d.x_min + d.x_max), 0.5 * (d.y_min + d.y_max)},
                               {d.x_min - 1.0, d.y_max + 1.0},
                               {1e300, -1e300},
                               {inf, 0.0},
                               {std::nan(""), 0.0}};
  for (const glm::dvec2& p : points) {
    (void)cost.value(p);
    (void)cost.gradient(p);
    (void)cost.hessian(p);
  }
}
