#pragma once
// Reading a training path (core/training_path.hpp) to replay as a ball:
// - loss-landscape's trajectory file (projection.py's project_trajectory): HDF5 with float64
//   `proj_xcoord` and `proj_ycoord`, one value per checkpoint in training order; losscape's own
//   Python package writes the same plus optional `train_loss`, `train_acc` (the network's true
//   loss and accuracy at each checkpoint) and `checkpoints` (their file names, strings);
// - a CSV whose header names columns `x` and `y` (others ignored; `train_loss` or `loss` is the
//   true loss, `train_acc` or `accuracy` the accuracy, `checkpoint` the name), so the file
//   --export-trajectories writes replays too, when it holds one ball's steps (column `ball`).
// Errors are one line naming the file. The browser build has no HDF5: there an .h5 is refused.
#include "engine/core/result.hpp"
#include "engine/core/training_path.hpp"

#include <string>

namespace losscape {

// By the name's extension: .h5 or .hdf5 is HDF5, anything else CSV.
Result<TrainingPath> load_training_path(const std::string& path);

Result<TrainingPath> load_training_path_h5(const std::string& path);
Result<TrainingPath> load_training_path_csv(const std::string& path);

// The checks both readers end with: at least one point, every value finite, the optional lists
// one per point. `what` names the x/y columns or datasets in the message.
Status check_training_path(const TrainingPath& path, const std::string& x_name, const std::string& y_name);

}  // namespace losscape
