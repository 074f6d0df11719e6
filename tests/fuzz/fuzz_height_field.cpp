// libFuzzer target: the data files behind --function heightfield:PATH (CSV or PNG) and mse:PATH
// (CSV). Each input is written to a file and read by all three loaders, as the app would read a
// file given to it; a loader that refuses it says why in one line, and whatever loads is sampled
// inside, outside and on the edges of its domain.
#include "engine/scene/data_costs.hpp"
#include "engine/scene/height_field_png.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_data_file.hpp"

using namespace losscape;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = write_input_file(data, size);
  if (const auto field = load_height_field_png(path, {-1.0, 1.0, -1.0, 1.0}, 0.0, 1.0)) sample(**field);
  else require_one_error_line(field.error(), "load_height_field_png");
  if (const auto field = load_height_field_csv(path)) sample(**field);
  else require_one_error_line(field.error(), "load_height_field_csv");
  if (const auto fit = load_line_fit_csv(path)) sample(**fit);
  else require_one_error_line(fit.error(), "load_line_fit_csv");
  return 0;
}
