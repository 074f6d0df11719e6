// libFuzzer target: the data files behind --function heightfield:PATH (CSV or PNG) and mse:PATH
// (CSV), and a training path's CSV (--trajectory PATH.csv). Each input is written to a file and
// read by all four loaders, as the app would read a file given to it; a loader that refuses it says
// why in one line, whatever loads is sampled inside, outside and on the edges of its domain, and
// a training path that loads has only finite points, with its lists one per point.
#include "engine/scene/data_costs.hpp"
#include "engine/scene/height_field_png.hpp"
#include "engine/scene/training_path_file.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

using namespace losscape;

namespace {

// One file per fuzzing process, in the temporary folder.
std::string input_path() {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("losscape-fuzz-data-" + std::to_string(::getpid()))).string();
  return path;
}

void sample(const CostFunction& cost) {
  const Domain d = cost.domain();
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = input_path();
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (const auto field = load_height_field_png(path, {-1.0, 1.0, -1.0, 1.0}, 0.0, 1.0)) sample(**field);
  else require_one_error_line(field.error(), "load_height_field_png");
  if (const auto field = load_height_field_csv(path)) sample(**field);
  else require_one_error_line(field.error(), "load_height_field_csv");
  if (const auto fit = load_line_fit_csv(path)) sample(**fit);
  else require_one_error_line(fit.error(), "load_line_fit_csv");
  if (const auto path_read = load_training_path_csv(path)) {
    if (const Status held = check_training_path(*path_read, "x", "y"); !held) {
      fuzz_check_failed("load_training_path_csv", "loaded what its own checks refuse: " + held.error());
    }
  } else {
    require_one_error_line(path_read.error(), "load_training_path_csv");
  }
  return 0;
}
