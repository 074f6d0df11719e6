#include "engine/app/cli/basins_device.hpp"

#include "engine/platform/gl_context.hpp"
#include "engine/sim/worker_threads.hpp"

#ifndef __EMSCRIPTEN__
#include "engine/render/compute/compute_support.hpp"
#include "engine/render/compute/gpu_basins.hpp"
#endif

#include <cstdlib>

namespace losscape {
namespace {

std::string cpu_line(const BasinSettings& settings) {
  const unsigned threads = threads_to_use(settings.threads);
  return "basins computed on the CPU (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
}

Result<BasinMap> on_cpu(const CostFunction& cost, const Optimizer& optimizer, const BasinSettings& settings,
                        std::string& ran, const std::string& why) {
  BasinMap map;
  compute_basins(cost, optimizer, settings, map);
  ran = cpu_line(settings) + why;
  return map;
}

}  // namespace

Result<BasinMap> compute_basins_on(ComputeDevice device, const CostFunction& cost, const Optimizer& optimizer,
                                   const BasinSettings& settings, std::string& ran) {
  if (device == ComputeDevice::cpu) return on_cpu(cost, optimizer, settings, ran, "");
#ifdef __EMSCRIPTEN__
  if (device == ComputeDevice::gpu) return Error{"--basins-device gpu: a browser's WebGL2 has no compute shaders"};
  return on_cpu(cost, optimizer, settings, ran, ": WebGL2 has no compute shaders");
#else
  const bool asked = device == ComputeDevice::gpu;
  // What needs no context first: the method's step and the cost's GLSL (made once, here).
  const Result<std::string> cost_source = gpu_basins_cost_source(cost, optimizer);
  if (!cost_source) {
    if (asked) return Error{"--basins-device gpu: " + cost_source.error()};
    return on_cpu(cost, optimizer, settings, ran, ": " + cost_source.error());
  }
  // On software GL auto takes the CPU: known from EGL's list of devices where it can be (no
  // context: about 1 ms against 40 to 90 ms), else from the context's renderer. Under
  // LOSSCAPE_GL_VERSION_CAP the context is asked: the cap may leave it without compute shaders,
  // the reason said first.
  const std::string slower = ", slower than the CPU's lanes (--basins-device gpu runs it there)";
  if (!asked && std::getenv(kGlVersionCapVariable) == nullptr && headless_gl_is_only_software()) {
    return on_cpu(cost, optimizer, settings, ran, ": the only OpenGL here is software GL (Mesa's)" + slower);
  }
  auto context = HeadlessContext::create();
  if (!context) {
    if (asked) return Error{"--basins-device gpu: " + context.error()};
    return on_cpu(cost, optimizer, settings, ran, ": " + context.error());
  }
  const ComputeSupport support = query_compute_support();
  if (!support.compute) {
    if (asked) return Error{"--basins-device gpu: " + support.missing};
    return on_cpu(cost, optimizer, settings, ran, ": " + support.missing);
  }
  if (current_gl_is_software() && !asked) {
    return on_cpu(cost, optimizer, settings, ran,
                  ": the GL renderer, " + support.renderer + ", is software GL" + slower);
  }
  auto map = compute_basins_on_gpu(cost, *cost_source, optimizer, settings);
  if (!map) return Error{(asked ? "--basins-device gpu: " : "basins on the GPU: ") + map.error()};
  ran = "basins computed on the GPU (" + support.renderer + ", double precision)";
  return map;
#endif
}

}  // namespace losscape
