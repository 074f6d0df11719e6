#pragma once
// One colour per minimum (by its index in the minimum catalogue), and one for each way a run can
// fail: the basin overlay, the basin PNG and the swarm's balls all use these, so a colour means
// the same minimum everywhere.
#include "engine/render/render_target.hpp"
#include "engine/sim/basins.hpp"
#include "engine/sim/simulation.hpp"

#include <glm/glm.hpp>

#include <cstdint>

namespace losscape {

// A minimum's index (>= 0) or a BasinOutcome (diverged black, not converged grey, ...).
glm::vec3 basin_colour(std::int32_t label);

// A swarm member still on its way: light, so the coloured ones that have arrived stand out.
inline constexpr glm::vec3 kRunningSwarmColour{0.92f, 0.92f, 0.90f};

// The colour a swarm member is drawn in: that of where it ended (Ball::minimum), light while it runs.
glm::vec3 swarm_member_colour(std::int32_t minimum);
// The colour a ball is drawn in: its own, or for a swarm member the colour of where it ended.
glm::vec3 ball_display_colour(const Ball& ball);

// The map as a picture, one pixel per start, north up (the top row is y = YMAX): the basin PNG,
// and the terrain's overlay texture.
Image basin_image(const BasinMap& map);

}  // namespace losscape
