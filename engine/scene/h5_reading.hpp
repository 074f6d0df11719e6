#pragma once
// Small HDF5 reading helpers shared by the loss-landscape files' readers (loss_surface_h5.cpp,
// training_path_h5.cpp): open a file for reading, close what was opened on every path, read a
// dataset as doubles or strings. Errors are one line naming the file. Only for the scene layer's
// sources compiled with HDF5 (LOSSCAPE_HAVE_HDF5; the browser build has none).
#include "engine/core/result.hpp"

#include <hdf5.h>

#include <string>
#include <vector>

namespace losscape::h5 {

// Closes an HDF5 object on every return path.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  hid_t get() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

// The file open for reading (without HDF5's file lock, so a file still being written by
// loss-landscape can be looked at), or why not: "cannot open PATH: ...", "PATH: not an HDF5 file".
Result<hid_t> open_file(const std::string& path);

// Whether the file has a dataset of that name at its top.
bool is_dataset(hid_t file, const std::string& name);

// The names of the datasets at the file's top, in the file's order.
std::vector<std::string> datasets_in(hid_t file);

// Every value of a numeric dataset as doubles (HDF5 converts float32 and integers); at most
// kMaxHeightFieldSamples of them.
Result<std::vector<double>> read_doubles(hid_t file, const std::string& name, const std::string& path);

// Every value of a string dataset (h5py's variable-length strings or numpy's fixed-length bytes).
Result<std::vector<std::string>> read_strings(hid_t file, const std::string& name, const std::string& path);

// A number as the error lines write it ("-0.75", "nan", "inf").
std::string number(double v);

}  // namespace losscape::h5
