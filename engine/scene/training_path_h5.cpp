// loss-landscape's trajectory files (training_path_file.hpp): the one other place besides the
// surface reader that sees HDF5, through the same helpers (h5_reading.hpp).
#include "engine/scene/training_path_file.hpp"

#ifdef LOSSCAPE_HAVE_HDF5

#include "engine/core/one_line.hpp"
#include "engine/scene/h5_reading.hpp"

namespace losscape {
namespace {

constexpr const char* kX = "proj_xcoord";
constexpr const char* kY = "proj_ycoord";

}  // namespace

Result<TrainingPath> load_training_path_h5(const std::string& path) {
  auto opened = h5::open_file(path);
  if (!opened) return Error{opened.error()};
  const h5::Handle file(*opened, H5Fclose);
  for (const char* name : {kX, kY}) {
    if (!h5::is_dataset(file.get(), name)) {
      return Error{
          path + ": no '" + name +
          "' dataset: not a loss-landscape trajectory file (projection.py writes proj_xcoord and proj_ycoord)"};
    }
  }
  auto x = h5::read_doubles(file.get(), kX, path);
  if (!x) return Error{x.error()};
  auto y = h5::read_doubles(file.get(), kY, path);
  if (!y) return Error{y.error()};
  if (x->size() != y->size()) {
    return Error{path + ": 'proj_xcoord' has " + std::to_string(x->size()) + " values, 'proj_ycoord' " +
                 std::to_string(y->size()) + ": one per checkpoint in each"};
  }
  TrainingPath t;
  t.source = path;
  for (std::size_t k = 0; k < x->size(); ++k) t.points.emplace_back((*x)[k], (*y)[k]);
  // What losscape's Python package adds: the network's true loss and accuracy, the checkpoints' names.
  for (const auto& [name, list] : {std::pair{"train_loss", &t.loss}, std::pair{"train_acc", &t.accuracy}}) {
    if (!h5::is_dataset(file.get(), name)) continue;
    auto values = h5::read_doubles(file.get(), name, path);
    if (!values) return Error{values.error()};
    *list = std::move(*values);
  }
  if (h5::is_dataset(file.get(), "checkpoints")) {
    auto names = h5::read_strings(file.get(), "checkpoints", path);
    if (!names) return Error{names.error()};
    t.checkpoints = std::move(*names);
  }
  if (Status ok = check_training_path(t, kX, kY); !ok) return Error{ok.error()};
  return t;
}

}  // namespace losscape

#else  // the browser build (cmake/web.cmake): no HDF5 library

namespace losscape {

Result<TrainingPath> load_training_path_h5(const std::string& path) {
  return Error{path + ": the browser cannot open HDF5 files; open it in the desktop program, or give the path as CSV"};
}

}  // namespace losscape

#endif
