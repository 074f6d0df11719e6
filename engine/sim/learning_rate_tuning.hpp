#pragma once
// A fair race (--compare): each method at its own best learning rate, not at one that suits
// another. The rate is chosen from a fixed log grid by the fewest steps to f - f* < eps from the
// start, the same target as the stability maps' (stability_map.hpp); every run is deterministic,
// so the table it makes is the same on every machine and every time.
#include "engine/sim/stability_map.hpp"

#include <optional>
#include <vector>

namespace losscape {

struct TuningSettings {
  double lr_lo = 1e-5, lr_hi = 10.0;  // the grid's ends (within each method's lr range)
  int rates_per_decade = 4;           // lr = 10^(k / rates_per_decade)
  double eps = 1e-6;                  // reached when f - f* < eps * (f(start) - f*)
  std::size_t max_steps = 1000;
  StepLimits limits;
};

// The grid's rates that `optimizer` accepts as lr, smallest first; none if it has no lr.
std::vector<double> tuning_rates(const Optimizer& optimizer, const TuningSettings& settings);

struct TunedRun {
  double lr = 0.0;  // the best rate (0 where the method has no lr: its own run)
  TargetRun run;    // at that rate
};

// The best of `prototype`'s runs from `start` over tuning_rates(): the fewest steps to arrive
// (ties: the smaller rate); where none arrives, the lowest final f of the runs that did not
// diverge; where all diverge, the smallest rate's. `f_star` as the maps define it.
TunedRun tune_learning_rate(const CostFunction& cost, const Optimizer& prototype, glm::dvec2 start, double f_star,
                            const TuningSettings& settings);
// The lowest f any of the rates' runs reaches from `start` (f* for a function with no known minimum).
double lowest_f_reached(const CostFunction& cost, const Optimizer& prototype, glm::dvec2 start,
                        const TuningSettings& settings);
// The function's known global minimum value, or none.
std::optional<double> known_f_star(const CostFunction& cost);

}  // namespace losscape
