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

// Whether NAME is a grid of numbers: loss-landscape's surfaces are 2D float64. What else such a
// file holds (plot_surface.py's `dir_file` string, groups, a user's own notes) is no surface.
bool is_surface(hid_t file, const std::string& name) {
  if (name == kX || name == kY || !is_dataset(file, name)) return false;
  const Handle dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
  const Handle type(H5Dget_type(dataset.get()), H5Tclose);
  const Handle space(H5Dget_space(dataset.get()), H5Sclose);
  const H5T_class_t type_class = H5Tget_class(type.get());
  return (type_class == H5T_FLOAT || type_class == H5T_INTEGER) && H5Sget_simple_extent_ndims(space.get()) == 2;
}

// The surfaces at the file's top.
std::vector<std::string> surfaces_in(hid_t file) {
  std::vector<std::string> surfaces = h5::datasets_in(file);
  std::erase_if(surfaces, [file](const std::string& name) { return !is_surface(file, name); });
  return surfaces;
}

// Coordinates: at least 2, finite, increasing and evenly spaced (np.linspace), as the
// interpolant's uniform grid needs.
Status check_axis(const std::vector<double>& c, const char* name, const std::string& path) {
  const std::string what = path + ": '" + one_line(name) + "' ";
  if (c.size() < 2) {
    return Error{what + "has " + std::to_string(c.size()) + (c.size() == 1 ? " value" : " values") +
                 ": a surface needs at least 2 along each axis"};
  }
  const double step = (c.back() - c.front()) / static_cast<double>(c.size() - 1);
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!std::isfinite(c[i])) return Error{what + "has " + number(c[i]) + " at index " + std::to_string(i)};
    if (i > 0 && !(c[i] > c[i - 1])) {
      return Error{what + "is not increasing: " + number(c[i]) + " at index " + std::to_string(i) + " after " +
                   number(c[i - 1])};
    }
    if (std::abs(c[i] - (c.front() + step * static_cast<double>(i))) > 1e-6 * std::abs(step)) {
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

Result<std::unique_ptr<HeightField>> load_loss_surface_h5(const std::string& path, const std::string& name,
                                                          const SurfaceHeight& height) {
  auto opened = open_file(path);
  if (!opened) return Error{opened.error()};
  const Handle file(*opened, H5Fclose);
  if (!is_dataset(file.get(), kX)) {
    return Error{path + ": no 'xcoordinates' dataset: not a loss-landscape surface file"};
  }
  if (!is_dataset(file.get(), kY)) {
    return Error{path + ": a 1D loss curve (no 'ycoordinates'): losscape needs a 2D surface (plot_surface.py --y)"};
  }
  if (!is_surface(file.get(), name)) {
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
  const auto cell = [&](std::size_t k) { return "x = " + number((*x)[k % nx]) + ", y = " + number((*y)[k / nx]); };
  if (Status shaped = apply_surface_height(*z, height, one_line(name), cell); !shaped) {
    return Error{path + ": " + shaped.error()};
  }
  const std::string file_name = std::filesystem::path(path).filename().string();
  const std::string shown = shown_height(name, height);
  const Domain domain{x->front(), x->back(), y->front(), y->back()};
  auto field = std::make_unique<HeightField>(std::move(*z), static_cast<int>(nx), static_cast<int>(ny), domain,
                                             shown + " of " + file_name);
  // The grid's values were shaped before interpolating (and a clamp's ceiling caps the
  // interpolant): the balls roll on what is drawn.
  field->describe("the interpolated slice of " + shown + " in " + file_name + ": bicubic (Catmull-Rom) through its " +
                  std::to_string(nx) + " x " + std::to_string(ny) + " grid" +
                  (computed < nx * ny
                       ? ", undefined near its " + std::to_string(nx * ny - computed) + " cells not computed (-1)"
                       : std::string()));
  if (const auto ceiling = surface_ceiling(height)) field->set_ceiling(*ceiling);
  field->mark_lowest_node();
  return field;
}

}  // namespace losscape

#else  // the browser build (cmake/web.cmake): no HDF5 library

namespace losscape {

Result<std::vector<std::string>> loss_surface_datasets(const std::string& path) {
  return Error{path + ": the browser cannot open HDF5 files; open it in the desktop program"};
}

Result<std::unique_ptr<HeightField>> load_loss_surface_h5(const std::string& path, const std::string&,
                                                          const SurfaceHeight&) {
  return Error{path + ": the browser cannot open HDF5 files; open it in the desktop program"};
}

}  // namespace losscape

#endif
