#include "engine/sim/swarm_accelerator.hpp"

#include <utility>

namespace losscape {
namespace {

SwarmAcceleration& acceleration() {
  static SwarmAcceleration the_acceleration;
  return the_acceleration;
}

}  // namespace

void set_swarm_acceleration(SwarmAcceleration a) { acceleration() = std::move(a); }
const SwarmAcceleration& swarm_acceleration() { return acceleration(); }

}  // namespace losscape
