#pragma once
// The GLSL functions a compiled cost calls (losscape_sin, losscape_exp, ...), in either precision.
// Core layer: text only, no GL.
#include "engine/core/glsl/cost_glsl.hpp"

#include <string>

namespace losscape {

// The library's source for `precision`; it expects LOSSCAPE_REAL and LOSSCAPE_REAL2 defined.
// fp32: GLSL's own functions, guarded where GLSL leaves a result undefined (log of a negative,
// pow of a negative base, atan(0, 0)) so that NaN and infinity come out where C++ gives them.
// fp64: GL_ARB_gpu_shader_fp64 has no double sin, exp, log..., so these are written out here
// from fdlibm (Sun Microsystems, 1993; as in musl): argument reduction and the same
// polynomials, accurate to about an ulp (pow, as exp(b log a), to |b log a| ulps).
const std::string& glsl_math_library(GlslPrecision precision);

}  // namespace losscape
