#pragma once
// What the current GL context offers the compute paths (basin maps and swarms on the GPU):
// compute shaders (GL 4.3) and double precision in shaders (GL 4.0, or GL_ARB_gpu_shader_fp64).
// Asked at run time: the desktop's context is GL 3.3 core at least, the browser's WebGL2 has
// neither, and software GL (Mesa llvmpipe) has both but runs them on the CPU.
#include "engine/core/glsl/cost_glsl.hpp"

#include <string>

namespace losscape {

struct ComputeSupport {
  bool compute = false;  // compute shaders and shader storage buffers
  bool fp64 = false;     // double in shaders
  std::string renderer;  // GL_RENDERER (whether it is software GL: current_gl_is_software())
  std::string missing;   // without compute: one line saying why
};

// The current context's. LOSSCAPE_GL_VERSION_CAP (e.g. "3.3") makes a context look older than it
// is, so the fallback a GL 3.3 machine takes can be tested anywhere.
ComputeSupport query_compute_support();
inline constexpr const char* kGlVersionCapVariable = "LOSSCAPE_GL_VERSION_CAP";

// The best precision the context offers: fp64 where it has doubles.
GlslPrecision best_precision(const ComputeSupport& support);
// "double" or "float", for the line saying what ran.
const char* precision_name(GlslPrecision precision);
// The #version line a compute shader starts with: GLSL 4.30 has doubles in core, so no
// #extension line is needed where compute shaders are.
const char* compute_shader_version();
// Whether the driver's fma() on doubles rounds once, as the C++ std::fma does: asked of the GPU
// with a product whose low bits only a fused multiply-add keeps ((1 + 2^-30)(1 - 2^-30) - 1 is
// -2^-60, or 0 when rounded twice). GPUs fuse; llvmpipe rounds twice. Asked once per process,
// on the current context, which must have compute shaders. The GPU's step rules
// (swarm_rules.hpp) use it, or an exact emulation where it rounds twice.
bool driver_fma_rounds_once();

}  // namespace losscape
