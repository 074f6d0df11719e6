// libFuzzer target: loss-landscape surface files (HDF5) behind `losscape PATH.h5` and
// --function h5:PATH[:DATASET]. Each input is written to a file and read as the app reads it: the
// surfaces listed, then train_loss and each listed surface loaded as it is and with a log height
// and a clamp (surface_height.hpp). A refusal must be one line; whatever loads is sampled; and
// after each input no HDF5 object of ours may still be open, so a handle we forget to close
// fails here even though HDF5's own leaks are suppressed (tests/fuzz/lsan-hdf5.supp).
#include "engine/scene/loss_surface_h5.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_data_file.hpp"

#include <hdf5.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace losscape;

namespace {

void load(const std::string& path, const std::string& dataset, const SurfaceHeight& height) {
  if (const auto surface = load_loss_surface_h5(path, dataset, height)) sample(**surface);
  else require_one_error_line(surface.error(), "load_loss_surface_h5");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = write_input_file(data, size);
  std::vector<std::string> datasets = {"train_loss"};
  if (const auto listed = loss_surface_datasets(path)) {
    datasets.insert(datasets.end(), listed->begin(), listed->begin() + std::min<std::ptrdiff_t>(listed->size(), 3));
  } else {
    require_one_error_line(listed.error(), "loss_surface_datasets");
  }
  for (const std::string& dataset : datasets) {
    load(path, dataset, {});
    load(path, dataset, {SurfaceScale::log, 1.0});
  }
  if (const ssize_t open = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); open != 0) {
    fuzz_check_failed("load_loss_surface_h5", std::to_string(open) + " HDF5 objects left open");
  }
  return 0;
}
