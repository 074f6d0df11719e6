// The learning rate a function suggests where a scene gives none: smaller than PyTorch's default
// only where f curves too sharply for it, and never in place of a learning rate someone chose.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/scene/suggested_learning_rate.hpp"

#include <gtest/gtest.h>

using namespace losscape;

namespace {

std::optional<double> lr_of(const OptimizerSpec& spec) {
  for (const auto& [key, value] : spec.parameters) {
    if (key == "lr") return value;
  }
  return std::nullopt;
}

}  // namespace

TEST(SuggestedLearningRate, GentleFunctionsKeepTheDefault) {
  for (const char* name : {"bowl", "himmelblau", "booth"}) {
    OptimizerSpec gd{"gd", {}};
    EXPECT_EQ(suggest_learning_rate(gd, *make_builtin_function(name), {1.0, 1.0}), 0.0) << name;
    EXPECT_FALSE(lr_of(gd)) << name;
  }
}

TEST(SuggestedLearningRate, SharplyCurvedFunctionsGetLessThanTwoOverTheirCurvature) {
  const auto rosenbrock = make_builtin_function("rosenbrock");
  const glm::dvec2 start(-1.5, 2.0);
  OptimizerSpec gd{"gd", {}};
  const double lr = suggest_learning_rate(gd, *rosenbrock, start);
  ASSERT_GT(lr, 0.0);
  EXPECT_EQ(lr_of(gd), lr);
  // Gradient descent is stable below 2 / curvature, at the start and at the minimum (1, 1).
  const glm::dmat2 h = rosenbrock->hessian({1.0, 1.0});
  EXPECT_LT(lr, 2.0 / (h[0][0] + h[1][1]));  // the trace bounds the largest eigenvalue from above
  EXPECT_LT(lr, 2.0 / rosenbrock->hessian(start)[0][0]);
  // A nice number: 1, 2 or 5 x 10^k.
  const double mantissa = lr / std::pow(10.0, std::floor(std::log10(lr)));
  EXPECT_TRUE(std::abs(mantissa - 1.0) < 1e-9 || std::abs(mantissa - 2.0) < 1e-9 || std::abs(mantissa - 5.0) < 1e-9)
      << lr;
  // And with it, 2,000 steps from the classic start stay finite and make progress.
  auto optimizer = make_optimizer("gd");
  ASSERT_EQ(optimizer->set_parameter("lr", lr).error(), "");
  glm::dvec2 p = start;
  for (int i = 0; i < 2000; ++i) p = optimizer->step(*rosenbrock, p);
  EXPECT_TRUE(std::isfinite(p.x) && std::isfinite(p.y));
  EXPECT_LT(rosenbrock->value(p), rosenbrock->value(start));
}

TEST(SuggestedLearningRate, AChosenLearningRateAndSelfScalingMethodsAreLeftAlone) {
  const auto rosenbrock = make_builtin_function("rosenbrock");
  OptimizerSpec chosen{"gd", {{"lr", 0.01}}};
  EXPECT_EQ(suggest_learning_rate(chosen, *rosenbrock, {-1.5, 2.0}), 0.0);
  EXPECT_EQ(lr_of(chosen), 0.01) << "a diverging choice is the lecturer's to make";
  for (const char* name : {"adam", "rmsprop", "adagrad", "newton", "ball"}) {
    OptimizerSpec spec{name, {}};
    EXPECT_EQ(suggest_learning_rate(spec, *rosenbrock, {-1.5, 2.0}), 0.0) << name;
  }
  OptimizerSpec momentum{"momentum", {}};
  EXPECT_GT(suggest_learning_rate(momentum, *rosenbrock, {-1.5, 2.0}), 0.0);
}

TEST(SuggestedLearningRate, ANewFunctionForgetsOnlyTheGradientScaledLearningRates) {
  Scene scene;
  scene.balls.push_back({std::nullopt, {"gd", {{"lr", 0.3}}}, std::nullopt, ""});
  scene.balls.push_back({std::nullopt, {"adam", {{"lr", 0.05}}}, std::nullopt, ""});
  scene.swarm = SceneSwarm{};
  scene.swarm->optimizer = OptimizerSpec{"nesterov", {{"lr", 0.2}, {"momentum", 0.8}}};
  forget_learning_rates(scene);
  EXPECT_FALSE(lr_of(scene.balls[0].optimizer));
  EXPECT_EQ(lr_of(scene.balls[1].optimizer), 0.05);
  EXPECT_FALSE(lr_of(*scene.swarm->optimizer));
  EXPECT_EQ(scene.swarm->optimizer->parameters.size(), 1u) << "momentum stays";
}
