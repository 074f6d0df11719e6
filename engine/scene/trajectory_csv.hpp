#pragma once
// --export-trajectories: one CSV row per solver step per ball, full double precision.
// Header: ball,optimizer,step,x,y,f,gx,gy (step 0 is the start point).
#include "engine/sim/simulation.hpp"

#include <string>

namespace losscape {

// Returns empty on success, else a one-line error naming the path.
std::string write_trajectories_csv(const std::string& path, const Simulation& simulation);

}  // namespace losscape
