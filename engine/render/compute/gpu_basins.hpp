#pragma once
// Basin maps on the GPU: every start of the grid stepped by a compute shader (GL 4.3) under
// take_step()'s rules (engine/core/step_rules.cpp: divergence box, undefined points, convergence,
// steps outside the domain, the step limit) with the method's step, both the GPU swarm's GLSL
// (step_rules_glsl.hpp, swarm_rules.hpp: every method gpu_swarm_methods() lists), the cost from
// cost_glsl(), and the ends named on the CPU by the same code as the CPU's map
// (label_basin_map), so both name the same minima.
// The grid is run in ranges of rows (at most kGpuBasinTileCells starts) and each range in
// dispatches of a few steps, so neither memory nor one dispatch grows with the map (a driver's
// watchdog, or llvmpipe's threads, are never held long).
#include "engine/core/glsl/cost_glsl.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/result.hpp"
#include "engine/sim/basins.hpp"

#include <string>
#include <vector>

namespace losscape {

inline constexpr std::size_t kGpuBasinTileCells = std::size_t{1} << 20;

// Whether the GPU steps `optimizer` (a method of gpu_swarm_methods() as it is, with no
// schedule), or one line saying it does not. Needs no context.
Status gpu_basins_can_step(const Optimizer& optimizer);

// The map as compute_basins() makes it (threads and allow_lockstep aside), on the current
// context, which must have compute shaders (compute_support.hpp; every such context has
// doubles). In double only: in float no start could meet the convergence rule (a step below
// 1e-9 of the domain is below float's resolution there), so every start would run out of steps.
// An Error (one line) for a method the GPU does not step or a cost with no GLSL form; the
// caller then uses the CPU.
// `tile_cells`: the most starts of one range of rows (smaller in the tests, to run several).
Result<BasinMap> compute_basins_on_gpu(const CostFunction& cost, const Optimizer& prototype,
                                       const BasinSettings& settings, std::size_t tile_cells = kGpuBasinTileCells);

// The cost's GLSL (double) for a GPU basin map by `optimizer`, or one line saying why the GPU
// makes none (the method has no GPU step, the cost no GLSL form). Needs no context: a caller
// that asks before opening one hands the text on to the overload below, not compiling it twice.
Result<std::string> gpu_basins_cost_source(const CostFunction& cost, const Optimizer& optimizer);
// As above, with `cost_source` from gpu_basins_cost_source(cost, prototype).
Result<BasinMap> compute_basins_on_gpu(const CostFunction& cost, const std::string& cost_source,
                                       const Optimizer& prototype, const BasinSettings& settings,
                                       std::size_t tile_cells = kGpuBasinTileCells);

}  // namespace losscape
