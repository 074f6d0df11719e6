#include "engine/scene/loss_surface_h5.hpp"

#ifdef LOSSCAPE_HAVE_HDF5

#include "engine/core/one_line.hpp"
#include "engine/scene/h5_reading.hpp"

#include <cmath>
#include <filesystem>

namespace losscape {
namespace {

constexpr const char* kX = "xcoordinates";
constexpr const char* kY = "ycoordinates";
constexpr double kNotComputed = -1.0;  // what loss-landscape writes into a cell before computing it

using h5::Handle;
using h5::is_dataset;
using h5::number;
using h5::open_file;
using h5::read_doubles;

// The datasets at the file's top, but the coordinates.
std::vector<std::string> surfaces_in(hid_t file) {
  std::vector<std::string> surfaces = h5::datasets_in(file);
  std::erase_if(surfaces, [](const std::string& name) { return name == kX || name == kY; });
  return surfaces;
}

// Coordinates: at least 2, finite, increasing and evenly spaced (np.linspace), as the
// interpolant's uniform grid needs.
Status check_axis(const std::vector<double>& c, const char* name, const std::string& path) {
  const std::string what = path + ": '" + one_line(name) + "' ";
  if (c.size() < 2) {
    return Error{what + "has " + std::to_string(c.size()) + (c.size() == 1 ? " value" : " values") +
                 ", needs at least 2"};
  }
  const double step = (c.back() - c.front()) / static_cast<double>(c.size() - 1);
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!std::isfinite(c[i])) return Error{what + "has " + number(c[i]) + " at index " + std::to_string(i)};
    if (i > 0 && !(c[i] > c[i - 1])) return Error{what + "is not increasing at index " + std::to_string(i)};
    if (std::abs(c[i] - (c.front() + step * static_cast<double>(i))) > 1e-6 * step) {
      return Error{what + "is not evenly spaced at index " + std::to_string(i)};
    }
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> loss_surface_datasets(const std::string& path) {
  auto opened = open_file(path);
  if (!opened) return Error{opened.error()};
  const Handle file(*opened, H5Fclose);
  return surfaces_in(file.get());
}

Result<std::unique_ptr<HeightField>> load_loss_surface_h5(const std::string& path, const std::string& name) {
  auto opened = open_file(path);
  if (!opened) return Error{opened.error()};
  const Handle file(*opened, H5Fclose);
  if (!is_dataset(file.get(), kX)) {
    return Error{path + ": no 'xcoordinates' dataset: not a loss-landscape surface file"};
  }
  if (!is_dataset(file.get(), kY)) {
    return Error{path + ": a 1D surface (no 'ycoordinates'): losscape draws surfaces over two coordinates"};
  }
  if (name == kX || name == kY || !is_dataset(file.get(), name)) {
    const std::vector<std::string> surfaces = surfaces_in(file.get());
    std::string have;
    for (const std::string& s : surfaces) have += (have.empty() ? "" : ", ") + one_line(s);
    return Error{path + ": no surface '" + one_line(name) + "'; " +
                 (surfaces.empty() ? std::string("the file has none") : "the file has " + have)};
  }
  auto x = read_doubles(file.get(), kX, path);
  if (!x) return Error{x.error()};
  auto y = read_doubles(file.get(), kY, path);
  if (!y) return Error{y.error()};
  if (Status ok = check_axis(*x, kX, path); !ok) return Error{ok.error()};
  if (Status ok = check_axis(*y, kY, path); !ok) return Error{ok.error()};
  auto z = read_doubles(file.get(), name, path);
  if (!z) return Error{z.error()};
  const std::size_t nx = x->size(), ny = y->size();
  if (z->size() != nx * ny) {
    return Error{path + ": '" + one_line(name) + "' has " + std::to_string(z->size()) + " values, expected " +
                 std::to_string(nx) + " x " + std::to_string(ny) + " (xcoordinates x ycoordinates)"};
  }
  // Flat index k is (x[k % nx], y[k / nx]): HeightField's own order, so no transposition here.
  std::size_t computed = 0;
  for (std::size_t k = 0; k < z->size(); ++k) {
    double& v = (*z)[k];
    if (!std::isfinite(v)) {
      return Error{path + ": '" + one_line(name) + "' has " + number(v) + " at x = " + number((*x)[k % nx]) +
                   ", y = " + number((*y)[k / nx])};
    }
    if (v == kNotComputed) {
      v = std::nan("");
    } else {
      ++computed;
    }
  }
  if (computed == 0) return Error{path + ": '" + one_line(name) + "' has no computed values (every cell is -1)"};
  const std::string file_name = std::filesystem::path(path).filename().string();
  const Domain domain{x->front(), x->back(), y->front(), y->back()};
  auto field = std::make_unique<HeightField>(std::move(*z), static_cast<int>(nx), static_cast<int>(ny), domain,
                                             name + " of " + file_name);
  field->describe("the interpolated slice of " + name + " in " + file_name + ": bicubic (Catmull-Rom) through its " +
                  std::to_string(nx) + " x " + std::to_string(ny) + " grid" +
                  (computed < nx * ny
                       ? ", undefined near its " + std::to_string(nx * ny - computed) + " cells not computed (-1)"
                       : std::string()));
  field->mark_lowest_node();
  return field;
}

}  // namespace losscape

#else  // the browser build (cmake/web.cmake): no HDF5 library

namespace losscape {

Result<std::vector<std::string>> loss_surface_datasets(const std::string& path) {
  return Error{path + ": the browser cannot open HDF5 files; open it in the desktop program"};
}

Result<std::unique_ptr<HeightField>> load_loss_surface_h5(const std::string& path, const std::string&) {
  return Error{path + ": the browser cannot open HDF5 files; open it in the desktop program"};
}

}  // namespace losscape

#endif
