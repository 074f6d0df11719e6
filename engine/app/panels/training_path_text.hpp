#pragma once
// What the panel says of a ball replaying a training path (core/optimizers/path_replay.hpp),
// honestly: which checkpoint it is at, that its height is the slice's loss at the projected
// point and not the network's, and the network's own loss and accuracy there when the file
// gives them. Plain text, so it is tested without ImGui.
#include "engine/sim/simulation.hpp"

#include <string>
#include <vector>

namespace losscape {

// The lines for `ball` on the slice `cost`; empty for a ball that runs a method. A checkpoint off
// the slice's grid, or one where it is not defined (a cell not computed), is said to be.
std::vector<std::string> training_path_text(const Ball& ball, const CostFunction& cost);

}  // namespace losscape
