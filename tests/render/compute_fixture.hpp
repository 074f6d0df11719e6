#pragma once
// Shared by the compute-shader tests: HeadlessRender's one EGL context per test program, each
// test skipped (saying why) where the context has no compute shaders.
#include "engine/render/compute/compute_support.hpp"
#include "tests/render/render_fixture.hpp"

namespace losscape {

class ComputeShaderTest : public HeadlessRender {
 protected:
  void SetUp() override {
    const ComputeSupport support = query_compute_support();
    if (!support.compute) GTEST_SKIP() << support.missing;
  }
};

}  // namespace losscape
