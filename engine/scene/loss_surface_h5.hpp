#pragma once
// A loss-landscape surface file (Li et al., "Visualizing the Loss Landscape of Neural Nets",
// NeurIPS 2018; github.com/tomgoldstein/loss-landscape, h5_util.py and plot_surface.py): HDF5 with
// float64 `xcoordinates` (nx) and `ycoordinates` (ny), and surfaces (`train_loss`, `train_acc`,
// `test_loss`, `test_acc`, `min_eig`, `max_eig`) whose flat index k holds the value at
// (x[k % nx], y[k / nx]), though they are declared (nx, ny). Cells still at -1 were not computed:
// they become NaN, so the interpolant is undefined (a hole) wherever its stencil reaches one.
// Errors are one line naming the file. The browser build has no HDF5: there every file is refused.
#include "engine/core/result.hpp"
#include "engine/scene/data_costs.hpp"
#include "engine/scene/surface_height.hpp"

#include <memory>
#include <string>
#include <vector>

namespace losscape {

// The surface DATASET of the file at PATH, its values shaped by HEIGHT (clamped, log), as a bicubic
// interpolant over the coordinates' range.
Result<std::unique_ptr<HeightField>> load_loss_surface_h5(const std::string& path, const std::string& dataset,
                                                          const SurfaceHeight& height = {});

// The surfaces the file holds (every dataset but the coordinates), in the file's order.
Result<std::vector<std::string>> loss_surface_datasets(const std::string& path);

}  // namespace losscape
