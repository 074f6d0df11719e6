#pragma once
// A cost function as GLSL source: what the compute shaders (basin maps, swarms) evaluate.
// Pure text generation: core layer, no GL.
#include "engine/core/cost_function.hpp"
#include "engine/core/result.hpp"

#include <string>

namespace losscape {

enum class GlslPrecision { fp64, fp32 };

// GLSL source (no #version line, no #extension line: the caller adds them) that starts with
//   #define LOSSCAPE_REAL double   / float        and   #define LOSSCAPE_REAL2 dvec2 / vec2
// and defines   void losscape_cost(in LOSSCAPE_REAL2 p, out LOSSCAPE_REAL f, out LOSSCAPE_REAL2 g)
// (value and gradient of the scene's cost at p; NaN where f is undefined, as the C++), plus
// whatever helper functions it needs, all named losscape_*. An Error (one line) for a cost that
// cannot be compiled (e.g. an HDF5 surface, a Python callable, a stochastic cost: the caller then
// uses the CPU path and says so).
//
// Typed formulas and the built-ins (through their formula text, the table's one statement of
// each) compile; a formula's parameters (the where clause's sliders) are baked in as constants,
// so a slider moved means new source.
Result<std::string> cost_glsl(const CostFunction& cost, GlslPrecision precision);

}  // namespace losscape
