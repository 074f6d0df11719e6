#pragma once
// Shared by the render tests: one headless EGL context per test program (Mesa llvmpipe in CI,
// a GPU's EGL where there is one), a renderer, and small image measurements.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/render/offscreen.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>

namespace losscape {

class HeadlessRender : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto context = HeadlessContext::create();
    ASSERT_TRUE(context) << context.error();
    context_ = context->release();
  }
  static void TearDownTestSuite() {
    delete context_;
    context_ = nullptr;
  }

  // Himmelblau with one red ball at `start`, rendered at width x height.
  Image render(glm::dvec2 start, int width, int height) {
    std::shared_ptr<const CostFunction> cost = make_builtin_function("himmelblau");
    simulation_ = std::make_unique<Simulation>(cost);
    simulation_->add_ball(start, std::make_unique<GradientDescent>(), glm::vec3(1.0f, 0.0f, 0.0f));
    simulation_->set_compute_preview(options_.show_preview);
    EXPECT_EQ(renderer_.init().error(), "");
    renderer_.set_cost(*cost, options_);
    return render_current(width, height);
  }
  // The current simulation_ as it is, with renderer_ already set up for its function.
  Image render_current(int width, int height) {
    auto image = render_to_image(renderer_, target_, *simulation_, camera_, width, height, options_);
    EXPECT_TRUE(image) << image.error();
    return image ? std::move(*image) : Image{};
  }

  static inline HeadlessContext* context_ = nullptr;
  std::unique_ptr<Simulation> simulation_;
  SceneRenderer renderer_;
  RenderTarget target_;
  OrbitCamera camera_;
  RenderOptions options_;
};

inline float luminance(const std::uint8_t* p) {
  return 0.2126f * static_cast<float>(p[0]) + 0.7152f * static_cast<float>(p[1]) + 0.0722f * static_cast<float>(p[2]);
}

// How many pixels satisfy `test(r, g, b)`.
inline int count_pixels(const Image& image, const std::function<bool(int, int, int)>& test) {
  int n = 0;
  for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
    n += test(image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]) ? 1 : 0;
  }
  return n;
}

}  // namespace losscape
