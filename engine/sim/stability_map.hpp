#pragma once
// Stability maps (Goh, "Why Momentum Really Works", Distill 2017, its phase diagram, for any
// method): one start, a grid of two of the optimizer's parameters, and for each cell the steps the
// method takes to reach f - f* < eps there, or how it failed: diverged (a non-finite value, beyond
// the divergence box, or gone from the domain: a ball's diverged and left domain) or not there
// within the step limit.
//
// Each cell is its own parameter set, so the lockstep lanes (one parameter set for many starts)
// do not fit: a cell runs through the scalar step(), under take_step()'s rules as a ball does.
// Pieces of a few cells run on threads, and a map can stop between pieces and go on (time slices
// in a browser page); the map does not depend on the threads or the slices.
#include "engine/core/optimizer.hpp"
#include "engine/core/step_rules.hpp"
#include "engine/sim/stability_axes.hpp"
#include "engine/sim/time_slice.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace losscape {

struct StabilitySettings {
  StabilityAxes axes;
  int grid = 128;  // cells per side
  glm::dvec2 start{0.0};
  // Reached when f - f* < eps * (f(start) - f*): the gap closed to this share, whatever f's scale.
  double eps = 1e-6;
  std::size_t max_steps = 1000;  // per cell
  unsigned threads = 0;          // 0: every core
  StepLimits limits;
};

// How a cell's run ended.
enum class StabilityOutcome : std::uint8_t {
  reached,      // f - f* < eps after `steps` steps
  diverged,     // a non-finite value, beyond the divergence box, or outside the domain too long (not at rest)
  not_reached,  // the step limit came first
  stopped,      // stopped elsewhere: at rest at another point (inside the domain or out), or where f is undefined
};
const char* to_string(StabilityOutcome outcome);

// One run from `start` until f < target (reached), a failure, or `max_steps`: how it ended, its
// steps, f where it ended and the lowest f on the way. The optimizer is reset first. A cell of a
// map, and one learning rate of the comparison's tuning (--compare).
struct TargetRun {
  StabilityOutcome outcome = StabilityOutcome::not_reached;
  std::uint32_t steps = 0;
  double final_f = 0.0, lowest_f = 0.0;
};
TargetRun run_to_target(const CostFunction& cost, Optimizer& optimizer, glm::dvec2 start, double target,
                        std::size_t max_steps, const StepLimits& limits);

struct StabilityMap {
  int grid = 0;
  StabilityAxes axes;
  glm::dvec2 start{0.0};
  double f_start = 0.0;
  double f_star = 0.0;        // the function's known global minimum value, else the lowest f any cell reached
  bool f_star_known = false;  // which of the two
  double threshold = 0.0;     // reached when f - f* < threshold (eps * (f(start) - f*))
  std::size_t max_steps = 0;
  // Per cell, row-major, row 0 at the y axis's lo, column 0 at the x axis's lo.
  std::vector<StabilityOutcome> outcome;
  std::vector<std::uint32_t> steps;  // to reach, or to the end of the run
  std::vector<double> final_f;       // f where the run ended (the last finite point)
  std::size_t count(StabilityOutcome o) const;
  double seconds = 0.0;  // spent computing it (in slices: their sum)
};

// A stability map computed a piece at a time: all at once on threads (compute_stability_map), or
// a time slice a frame (the panel, through a BackgroundJob). Where f* is not known, a first pass
// runs every cell to its end to find the lowest f reached, and a second counts the steps.
class StabilityMapper {
 public:
  // `cost` (and `cancel`, `progress`) must outlive the mapper; the prototype is copied, and its
  // parameters other than the two axes' are the map's.
  StabilityMapper(const CostFunction& cost, const Optimizer& prototype, const StabilitySettings& settings,
                  const std::atomic<bool>* cancel = nullptr, std::atomic<double>* progress = nullptr);
  StabilityMapper(const StabilityMapper&) = delete;
  StabilityMapper& operator=(const StabilityMapper&) = delete;

  TaskEnd run(const TimeSlice& slice = {});
  StabilityMap finish() { return std::move(map_); }  // once run() has returned finished

 private:
  bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }
  // Cells are handed out a few at a time: a cell can take a thousand steps of an expensive method,
  // so a browser's slice (8 ms) is overrun by a few cells at most, not by a row of hundreds.
  static constexpr std::size_t kCellsPerPiece = 8;
  std::size_t pieces() const;
  void run_pieces(const TimeSlice& slice);
  void run_piece(std::size_t piece, Optimizer& optimizer);
  bool start_pass();  // the next pass's pieces; false when none is left

  const CostFunction& cost_;
  std::unique_ptr<Optimizer> prototype_;
  StabilitySettings settings_;
  const std::atomic<bool>* cancel_;
  std::atomic<double>* progress_;
  StabilityMap map_;
  bool finding_f_star_ = false;  // the first pass, where f* is not known
  int passes_ = 1, pass_ = 0;
  std::vector<double> lowest_;  // per cell, in the first pass
  std::atomic<std::size_t> next_piece_{0}, pieces_done_{0};
};

// Fills `out` and returns true; false, leaving `out` untouched, if `cancel` was set.
bool compute_stability_map(const CostFunction& cost, const Optimizer& prototype, const StabilitySettings& settings,
                           StabilityMap& out, const std::atomic<bool>* cancel = nullptr,
                           std::atomic<double>* progress = nullptr);

}  // namespace losscape
