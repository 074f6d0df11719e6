#pragma once
// Basins of attraction: run an optimizer from every point of a grid of starts until it
// converges, diverges or hits a step limit, and say which minimum each start ends in.
// Multi-threaded over rows; the result does not depend on the number of threads.
#include "engine/core/optimizer.hpp"
#include "engine/core/step_rules.hpp"
#include "engine/sim/minimum_catalogue.hpp"

#include <atomic>
#include <cstdint>
#include <vector>

namespace losscape {

struct BasinSettings {
  int grid = 256;                // starts per side (cell centres of a grid x grid over the domain)
  std::size_t max_steps = 1000;  // per start
  unsigned threads = 0;          // 0: every core
  StepLimits limits;
  // Optimizers that offer lanes (Optimizer::lanes(): the first-order ones) run many starts in
  // lockstep over CostFunction::evaluate_batch: the same numbers as the one-start-at-a-time path
  // (tested), several times faster.
  bool allow_lockstep = true;
};

struct BasinMinimum : NamedMinimum {
  std::size_t starts = 0;
};

struct BasinMap {
  int grid = 0;
  Domain domain;
  // Per start, row-major, row 0 at y = y_min: a minimum's index, or a BasinOutcome.
  std::vector<std::int32_t> label;
  std::vector<glm::dvec2> end;
  std::vector<std::uint32_t> steps;
  std::vector<BallStatus> status;
  std::vector<BasinMinimum> minima;  // known minima first (in their order), then ones found
  std::size_t count(std::int32_t outcome) const;
  glm::dvec2 start(int i, int j) const;  // the start of column i, row j
  double seconds = 0.0;
  std::uint64_t point_steps = 0;  // solver steps taken in all
};

// Fills `out` and returns true; returns false, leaving `out` untouched, if `cancel` was set.
bool compute_basins(const CostFunction& cost, const Optimizer& prototype, const BasinSettings& settings, BasinMap& out,
                    const std::atomic<bool>* cancel = nullptr, std::atomic<double>* progress = nullptr);

}  // namespace losscape
