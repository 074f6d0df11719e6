#include "engine/app/panels/training_path_text.hpp"

#include "engine/core/one_line.hpp"
#include "engine/core/optimizers/path_replay.hpp"

#include <algorithm>
#include <cstdio>

namespace losscape {
namespace {

std::string formatted(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

}  // namespace

std::vector<std::string> training_path_text(const Ball& ball, const CostFunction& cost) {
  const PathReplay* replay = as_replay(*ball.optimizer);
  if (!replay) return {};
  const TrainingPath& path = replay->path();
  // The checkpoint the ball is at: the replay's own, but one behind it where the step rules
  // refused its last step (a checkpoint where the slice has no value: the ball stays put).
  const std::size_t k = std::min(ball.steps, replay->index());
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
    if (k < path.accuracy.size()) network += " (accuracy " + formatted("%.4g%%", path.accuracy[k]) + ")";
    lines.push_back(network);
  } else if (k < path.accuracy.size()) {
    lines.push_back("network's accuracy at checkpoint " + std::to_string(k) + ": " +
                    formatted("%.4g%%", path.accuracy[k]));
  }
  if (!cost.domain().contains(ball.position)) {
    lines.push_back("This checkpoint lies outside the slice's grid: the height is its edge's, not computed here.");
  }
  if (ball.status == BallStatus::undefined || ball.status == BallStatus::diverged) {
    const std::size_t stop = replay->index();
    const glm::dvec2 p = path.points[stop];
    lines.push_back("The replay stops: the slice has no value at checkpoint " + std::to_string(stop) + " (" +
                    formatted("%.4g", p.x) + ", " + formatted("%.4g", p.y) + ")" +
                    (ball.status == BallStatus::undefined ? ", in a cell not computed." : ", far off the slice."));
  }
  return lines;
}

}  // namespace losscape
