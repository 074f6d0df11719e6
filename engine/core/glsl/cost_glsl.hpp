#pragma once
// A cost function as GLSL source, for the compute shaders that step swarms and basin maps on the
// GPU. Pure text generation (core layer: no GL).
#include "engine/core/cost_function.hpp"
#include "engine/core/result.hpp"

#include <string>

namespace losscape {

enum class GlslPrecision { fp64, fp32 };

// GLSL source (no #version line, no #extension line: the caller adds them) that starts with
//   #define LOSSCAPE_REAL double   / float        and   #define LOSSCAPE_REAL2 dvec2 / vec2
// and defines   void losscape_cost(in LOSSCAPE_REAL2 p, out LOSSCAPE_REAL f, out LOSSCAPE_REAL2 g)
// (value and gradient at p; NaN where undefined), plus helper functions named losscape_*. An Error (one line) for a
// cost that cannot be compiled (HDF5 surface, Python callable, stochastic cost): the caller then uses the CPU lanes.
Result<std::string> cost_glsl(const CostFunction& cost, GlslPrecision precision);

}  // namespace losscape
