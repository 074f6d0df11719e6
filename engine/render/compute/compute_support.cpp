#include "engine/render/compute/compute_support.hpp"

#include <glad/gl.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace losscape {
namespace {

bool has_extension(const char* name) {
  GLint count = 0;
  glGetIntegerv(GL_NUM_EXTENSIONS, &count);
  for (GLint i = 0; i < count; ++i) {
    const auto* extension = reinterpret_cast<const char*>(glGetStringi(GL_EXTENSIONS, static_cast<GLuint>(i)));
    if (extension && std::strcmp(extension, name) == 0) return true;
  }
  return false;
}

}  // namespace

ComputeSupport query_compute_support() {
  ComputeSupport support;
  GLint major = 0, minor = 0;
  glGetIntegerv(GL_MAJOR_VERSION, &major);
  glGetIntegerv(GL_MINOR_VERSION, &minor);
  int version = major * 10 + minor;
  std::string capped;
  if (const char* cap = std::getenv("LOSSCAPE_GL_VERSION_CAP")) {
    int cap_major = 0, cap_minor = 0;
    if (std::sscanf(cap, "%d.%d", &cap_major, &cap_minor) == 2 && cap_major * 10 + cap_minor < version) {
      version = cap_major * 10 + cap_minor;
      capped = " (capped by LOSSCAPE_GL_VERSION_CAP)";
    }
  }
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  support.renderer = renderer ? renderer : "";
  support.software = support.renderer.find("llvmpipe") != std::string::npos ||
                     support.renderer.find("softpipe") != std::string::npos ||
                     support.renderer.find("SWR") != std::string::npos ||
                     support.renderer.find("swrast") != std::string::npos;
  // Compute shaders by version only: the shaders are GLSL 4.30 (a 4.2 context with
  // GL_ARB_compute_shader is rare enough to take the CPU path). Doubles came with 4.0.
  support.compute = version >= 43;
  support.fp64 = version >= 40 || (capped.empty() && has_extension("GL_ARB_gpu_shader_fp64"));
  if (!support.compute) {
    support.missing = "OpenGL " + std::to_string(version / 10) + "." + std::to_string(version % 10) + capped +
                      " has no compute shaders (they need 4.3)";
  }
  return support;
}

GlslPrecision best_precision(const ComputeSupport& support) {
  return support.fp64 ? GlslPrecision::fp64 : GlslPrecision::fp32;
}

const char* precision_name(GlslPrecision precision) { return precision == GlslPrecision::fp64 ? "double" : "float"; }

const char* compute_shader_version() { return "#version 430 core\n"; }

}  // namespace losscape
