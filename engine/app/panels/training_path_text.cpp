#include "engine/app/panels/training_path_text.hpp"

#include "engine/core/one_line.hpp"
#include "engine/core/optimizers/path_replay.hpp"

#include <cstdio>

namespace losscape {
namespace {

std::string formatted(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

}  // namespace

std::vector<std::string> training_path_text(const Ball& ball) {
  const PathReplay* replay = as_replay(*ball.optimizer);
  if (!replay) return {};
  const TrainingPath& path = replay->path();
  const std::size_t k = replay->index();
  std::string at = std::string(PathReplay::kTitle) + ": checkpoint " + std::to_string(k) + " of " +
                   std::to_string(path.points.size() - 1);
  if (k < path.checkpoints.size()) at += " (" + one_line(path.checkpoints[k]) + ")";
  std::vector<std::string> lines = {
      at,
      "Its height is the slice's loss at the projected point, not the network's loss at that checkpoint.",
      "slice's loss here: " + formatted("%.6g", ball.value),
  };
  if (k < path.loss.size()) {
    std::string network = "network's loss at checkpoint " + std::to_string(k) + ": " + formatted("%.6g", path.loss[k]);
    if (k < path.accuracy.size()) network += " (accuracy " + formatted("%.4g", path.accuracy[k]) + ")";
    lines.push_back(network);
  } else if (k < path.accuracy.size()) {
    lines.push_back("network's accuracy at checkpoint " + std::to_string(k) + ": " +
                    formatted("%.4g", path.accuracy[k]));
  }
  return lines;
}

}  // namespace losscape
