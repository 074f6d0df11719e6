#pragma once
// Shared by the compute-shader tests: HeadlessRender's one EGL context per test program, each
// test skipped (saying why) where the context has no compute shaders.
#include "engine/platform/gl_context.hpp"
#include "engine/render/compute/compute_support.hpp"
#include "tests/render/render_fixture.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>

namespace losscape {

class ComputeShaderTest : public HeadlessRender {
 protected:
  void SetUp() override {
    const ComputeSupport support = query_compute_support();
    if (!support.compute) GTEST_SKIP() << support.missing;
  }
};

// The same double, bit for bit.
inline bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// Whether the GPU's doubles must be the CPU's bit for bit: on software GL (llvmpipe: CI's and
// this project's machines), where it was checked. GLSL asks no more than single precision's
// accuracy of a driver's double division and square root, so a hardware GPU's AdaGrad, RMSProp
// and Adam may differ in the last bit, and a trajectory then drifts: there the tests take ends
// within kHardwareTolerance of the domain's size and allow kHardwareMismatches of the starts to
// differ (a start near a basin boundary may change basins), and say so.
inline bool exact_gpu_doubles() { return current_gl_is_software(); }
constexpr double kHardwareTolerance = 1e-9;
constexpr double kHardwareMismatches = 0.01;
inline std::size_t allowed_gpu_mismatches(std::size_t starts) {
  return exact_gpu_doubles() ? 0 : static_cast<std::size_t>(kHardwareMismatches * static_cast<double>(starts));
}

}  // namespace losscape
