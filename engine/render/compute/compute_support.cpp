#include "engine/render/compute/compute_support.hpp"

#include "engine/render/compute/storage_buffers.hpp"
#include "engine/render/shader.hpp"

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
  if (const char* cap = std::getenv(kGlVersionCapVariable)) {
    int cap_major = 0, cap_minor = 0;
    if (std::sscanf(cap, "%d.%d", &cap_major, &cap_minor) == 2 && cap_major * 10 + cap_minor < version) {
      version = cap_major * 10 + cap_minor;
      capped = std::string(" (capped by ") + kGlVersionCapVariable + ")";
    }
  }
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  support.renderer = renderer ? renderer : "";
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

bool driver_fma_rounds_once() {
  static const bool rounds_once = [] {
    const std::string probe_source = std::string(compute_shader_version()) + R"(layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Probe { double v[]; };
void main() { precise double r = fma(v[0], v[1], v[2]); v[3] = r; })";
    auto probe = single_stage_program(GL_COMPUTE_SHADER, probe_source, "fma probe");
    if (!probe) return false;
    double v[4] = {1.0 + 0x1p-30, 1.0 - 0x1p-30, -1.0, 0.0};
    const gl::Buffer buffer = storage_buffer(sizeof v, v);
    glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, buffer.id());
    glUseProgram(probe->id());
    glDispatchCompute(1, 1, 1);
    glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT);
    read_buffer(buffer, 0, v, sizeof v);
    glUseProgram(0);
    return v[3] == -0x1p-60;
  }();
  return rounds_once;
}

}  // namespace losscape
