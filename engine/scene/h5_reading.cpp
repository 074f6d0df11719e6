// The whole unit is HDF5's: the browser build has none (its readers refuse every file), and this
// unit compiles to nothing there.
#ifdef LOSSCAPE_HAVE_HDF5

#include "engine/scene/h5_reading.hpp"

#include "engine/core/one_line.hpp"
#include "engine/scene/data_costs.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>

namespace losscape::h5 {
namespace {

// HDF5 prints its own error stack to stderr by default; ours is the one line.
void silence_hdf5() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

// How many values the dataset holds, or why it cannot be read.
Result<std::size_t> value_count(const Handle& dataset, const std::string& name, const std::string& path) {
  const Handle space(H5Dget_space(dataset.get()), H5Sclose);
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0) return Error{path + ": '" + one_line(name) + "' cannot be read"};
  if (static_cast<std::size_t>(count) > kMaxHeightFieldSamples) {
    return Error{path + ": '" + one_line(name) + "' has more than 16 million values"};
  }
  return static_cast<std::size_t>(count);
}

}  // namespace

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

Result<hid_t> open_file(const std::string& path) {
  silence_hdf5();
  if (std::FILE* probe = std::fopen(path.c_str(), "rb")) {
    std::fclose(probe);
  } else {
    return Error{"cannot open " + path + ": " + std::strerror(errno)};
  }
  if (H5Fis_hdf5(path.c_str()) <= 0) return Error{path + ": not an HDF5 file"};
  const Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
#if H5_VERSION_GE(1, 10, 7)
  H5Pset_file_locking(access.get(), false, true);
#endif
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, access.get());
  if (file < 0) return Error{path + ": cannot be read as an HDF5 file"};
  return file;
}

bool is_dataset(hid_t file, const std::string& name) {
  if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) return false;
  const Handle dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
  return static_cast<bool>(dataset);
}

std::vector<std::string> datasets_in(hid_t file) {
  std::vector<std::string> links, datasets;
  H5Literate(file, H5_INDEX_NAME, H5_ITER_NATIVE, nullptr, collect_name, &links);
  for (const std::string& name : links) {
    if (is_dataset(file, name)) datasets.push_back(name);
  }
  return datasets;
}

Result<std::vector<double>> read_doubles(hid_t file, const std::string& name, const std::string& path) {
  const Handle dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (!dataset) return Error{path + ": '" + one_line(name) + "' is not a dataset"};
  const Handle type(H5Dget_type(dataset.get()), H5Tclose);
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_FLOAT && type_class != H5T_INTEGER) {
    return Error{path + ": '" + one_line(name) + "' does not hold numbers"};
  }
  auto count = value_count(dataset, name, path);
  if (!count) return Error{count.error()};
  std::vector<double> values(*count);
  if (*count > 0 && H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    return Error{path + ": '" + one_line(name) + "' cannot be read"};
  }
  return values;
}

Result<std::vector<std::string>> read_strings(hid_t file, const std::string& name, const std::string& path) {
  const Handle dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (!dataset) return Error{path + ": '" + one_line(name) + "' is not a dataset"};
  const Handle type(H5Dget_type(dataset.get()), H5Tclose);
  if (H5Tget_class(type.get()) != H5T_STRING) return Error{path + ": '" + one_line(name) + "' does not hold text"};
  auto count = value_count(dataset, name, path);
  if (!count) return Error{count.error()};
  const Error unreadable{path + ": '" + one_line(name) + "' cannot be read"};
  std::vector<std::string> out;
  if (*count == 0) return out;
  if (H5Tis_variable_str(type.get()) > 0) {
    const Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memory.get(), H5T_VARIABLE);
    H5Tset_cset(memory.get(), H5Tget_cset(type.get()));
    std::vector<char*> texts(*count, nullptr);
    if (H5Dread(dataset.get(), memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()) < 0) return unreadable;
    for (char* text : texts) out.emplace_back(text ? text : "");
    const Handle space(H5Dget_space(dataset.get()), H5Sclose);
#if H5_VERSION_GE(1, 12, 0)  // H5Dvlen_reclaim's new name; the old one is deprecated there
    H5Treclaim(memory.get(), space.get(), H5P_DEFAULT, texts.data());
#else
    H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, texts.data());
#endif
    return out;
  }
  const std::size_t width = H5Tget_size(type.get());
  std::vector<char> bytes(width * *count);
  if (H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()) < 0) return unreadable;
  for (std::size_t i = 0; i < *count; ++i) {
    const char* text = bytes.data() + i * width;
    out.emplace_back(text, strnlen(text, width));  // numpy pads with NULs
  }
  return out;
}

}  // namespace losscape::h5

#endif
