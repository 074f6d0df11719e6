#pragma once
// A network's training path projected onto a loss-surface slice (Li et al.'s projection.py:
// `proj_xcoord`, `proj_ycoord`, one point per checkpoint in training order), with what the file
// may say besides: the network's TRUE loss and accuracy at each checkpoint and the checkpoints'
// names. The true loss is not the slice's height at the projected point: the slice holds only
// two of the network's directions, the checkpoint lies off it. Core layer: data, no files.
#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace losscape {

struct TrainingPath {
  std::vector<glm::dvec2> points;        // at least one, all finite, in checkpoint order
  std::vector<double> loss, accuracy;    // empty, or one per point; accuracy in percent
  std::vector<std::string> checkpoints;  // empty, or one name per point
  std::string source;                    // the file it was read from, as named
};

}  // namespace losscape
