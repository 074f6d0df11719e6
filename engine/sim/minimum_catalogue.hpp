#pragma once
// Names the points where optimizer runs end: the function's known minima first (in their listed
// order), then each new end point found, within a small radius of one already listed. The basin
// map and the swarm both use it, so a minimum has the same index, and so the same colour, in
// both.
#include "engine/core/cost_function.hpp"
#include "engine/core/step_rules.hpp"

#include <cstdint>
#include <vector>

namespace losscape {

// What a run ended in when it is not a minimum (a minimum is its index, >= 0).
enum BasinOutcome : std::int32_t { kDiverged = -1, kNotConverged = -2, kUndefined = -3, kLeftDomain = -4 };
// The outcome for a run that stopped with `status` other than converged (running: not converged).
std::int32_t outcome_of(BallStatus status);

struct NamedMinimum {
  glm::dvec2 position{0.0};
  double value = 0.0;
  bool known = false;   // one of the function's listed minima
  bool global = false;  // a known global minimum, or (none known) the lowest found
};

class MinimumCatalogue {
 public:
  MinimumCatalogue() = default;
  // Starts with the function's known minima; end points within 1e-3 of the domain's size of a
  // listed minimum count as that minimum.
  explicit MinimumCatalogue(const CostFunction& cost);

  // The index of the listed minimum at `end`, or -1.
  std::int32_t find(glm::dvec2 end) const;
  // The index of the listed minimum at `end`, listing it first if it is new.
  std::int32_t find_or_add(glm::dvec2 end, double value);

  const std::vector<NamedMinimum>& minima() const { return minima_; }
  std::size_t size() const { return minima_.size(); }
  const NamedMinimum& operator[](std::size_t i) const { return minima_[i]; }
  // Lists `first` ahead of the minima listed now, keeping those not in it after them, so that
  // another catalogue's indices (a basin map's) hold here too.
  void put_first(const std::vector<NamedMinimum>& first);
  // True when the function lists its minima (so "global" is known, not the best found so far).
  bool global_known() const { return global_known_; }
  // How near a listed minimum an end point must be to count as it (find's test, which the GPU
  // swarm's labels repeat).
  double radius() const { return radius_; }

 private:
  void mark_lowest_found_as_global();

  std::vector<NamedMinimum> minima_;
  double radius_ = 0.0;
  bool global_known_ = false;
};

}  // namespace losscape
