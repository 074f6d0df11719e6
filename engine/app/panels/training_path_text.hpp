#pragma once
// What the panel says of a ball replaying a training path (core/optimizers/path_replay.hpp),
// honestly: which checkpoint it is at, that its height is the slice's loss at the projected
// point and not the network's, and the network's own loss and accuracy there when the file
// gives them. Plain text, so it is tested without ImGui.
#include "engine/sim/simulation.hpp"

#include <string>
#include <vector>

namespace losscape {

// The lines for `ball`; empty for a ball that runs a method.
std::vector<std::string> training_path_text(const Ball& ball);

}  // namespace losscape
