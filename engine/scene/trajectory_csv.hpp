#pragma once
// --export-trajectories: one CSV row per solver step per ball, full double precision.
// Header: ball,optimizer,step,x,y,f,gx,gy (step 0 is the start point).
#include "engine/sim/simulation.hpp"

#include "engine/core/result.hpp"

#include <string>

namespace losscape {

// Writes every ball's steps so far; or a one-line error naming the path.
Status write_trajectories_csv(const std::string& path, const Simulation& simulation);

}  // namespace losscape
