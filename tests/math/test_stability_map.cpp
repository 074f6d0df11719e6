// Stability maps: the exact stability boundaries of gradient descent and the heavy ball on a
// quadratic, f* found where unknown, thread and slice independence, and the axes' refusals.
#include "engine/core/formula/formula_function.hpp"
#include "engine/sim/stability_map.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace losscape;

namespace {

// f = a/2 (x^2 + y^2): curvature a in every direction, minimum 0 at the origin.
class Quadratic final : public CostFunction {
 public:
  explicit Quadratic(double a) : a_(a) {}
  double value(glm::dvec2 p) const override { return 0.5 * a_ * (p.x * p.x + p.y * p.y); }
  glm::dvec2 gradient(glm::dvec2 p) const override { return a_ * p; }
  glm::dmat2 hessian(glm::dvec2) const override { return glm::dmat2(a_); }
  const std::string& name() const override { return name_; }
  const std::string& title() const override { return name_; }
  const std::string& formula() const override { return name_; }
  Domain domain() const override { return {-2, 2, -2, 2}; }
  std::vector<KnownMinimum> known_minima() const override { return {{{0.0, 0.0}, 0.0, true}}; }

 private:
  double a_;
  std::string name_ = "quadratic";
};

StabilityAxes axes_of(const Optimizer& optimizer, const std::string& text) {
  auto axes = parse_stability_axes(optimizer, text);
  EXPECT_TRUE(axes) << axes.error();
  return axes ? *axes : StabilityAxes{};
}

StabilityMap map_of(const CostFunction& cost, const Optimizer& optimizer, const StabilitySettings& settings) {
  StabilityMap map;
  EXPECT_TRUE(compute_stability_map(cost, optimizer, settings, map));
  return map;
}

struct QuadraticMap {
  StabilitySettings settings;
  StabilityMap map;
};

// `optimizer`'s map on a/2 (x^2 + y^2) over `axes`, from `start`.
QuadraticMap quadratic_map(double a, const std::string& optimizer, const std::string& axes, int grid, glm::dvec2 start,
                           std::size_t max_steps = 1000, double eps = 1e-6) {
  const Quadratic cost(a);
  auto method = make_optimizer(optimizer);
  QuadraticMap out;
  out.settings.axes = axes_of(*method, axes);
  out.settings.grid = grid;
  out.settings.start = start;
  out.settings.max_steps = max_steps;
  out.settings.eps = eps;
  out.map = map_of(cost, *method, out.settings);
  return out;
}

// Every cell on the right side of the exact line lr = boundary(other axis's value): a run that
// diverged had lr beyond it, one that arrived had lr short of it; each row has both, and at most
// one cell between the last arrival and the first divergence (steps there shrink the gap so
// slowly that the step limit comes first).
template <class Boundary>
void expect_boundary(const StabilityMap& map, Boundary boundary) {
  const int n = map.grid;
  for (int j = 0; j < n; ++j) {
    const double other = map.axes.y.value(j, n);
    const double edge = boundary(other);
    int last_reached = -1, first_diverged = n;
    for (int i = 0; i < n; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * n + i;
      const double lr = map.axes.x.value(i, n);
      if (map.outcome[k] == StabilityOutcome::diverged) {
        EXPECT_GT(lr, edge) << "cell " << i << ", " << j;
        first_diverged = std::min(first_diverged, i);
      } else if (map.outcome[k] == StabilityOutcome::reached) {
        EXPECT_LT(lr, edge) << "cell " << i << ", " << j;
        last_reached = i;
      } else {
        EXPECT_EQ(map.outcome[k], StabilityOutcome::not_reached) << "cell " << i << ", " << j;
      }
    }
    EXPECT_GE(last_reached, 0) << "row " << j;
    EXPECT_LT(first_diverged, n) << "row " << j;
    EXPECT_LE(first_diverged - last_reached, 2) << "row " << j;
  }
}

}  // namespace

TEST(StabilityMap, GradientDescentDivergesBeyondTwoOverTheCurvature) {
  // weight_decay adds its value to the curvature: lr = 2 / (a + weight_decay) is the exact line.
  const double a = 4.0;
  const StabilityMap map = quadratic_map(a, "gd", "lr=0.01:10,weight_decay=0:4", 48, {1.5, -1.0}).map;
  EXPECT_TRUE(map.f_star_known);
  EXPECT_EQ(map.f_star, 0.0);
  expect_boundary(map, [&](double weight_decay) { return 2.0 / (a + weight_decay); });
}

TEST(StabilityMap, TheHeavyBallIsStableUpToTwiceOnePlusMomentumOverTheCurvature) {
  // Goh 2017 (Distill), "Why Momentum Really Works": on a quadratic the heavy ball converges for
  // 0 < lr a < 2 (1 + momentum) (torch's buffer form is the same recurrence).
  const double a = 2.0;
  const StabilityMap map = quadratic_map(a, "momentum", "lr=0.01:10,momentum=0:0.9", 48, {1.0, 0.5}, 3000).map;
  expect_boundary(map, [&](double mu) { return 2.0 * (1.0 + mu) / a; });
}

TEST(StabilityMap, TheStepsToArriveFallAsTheLearningRateGrowsTowardsOneOverTheCurvature) {
  // GD on a/2 x^2 from x0: f_t = f_0 (1 - lr a)^(2t), so it arrives after the first t with
  // (1 - lr a)^(2t) < eps.
  const double a = 1.0;
  const auto [settings, map] = quadratic_map(a, "gd", "lr=0.05:0.9,weight_decay=0:0.001", 8, {1.0, 1.0}, 1000, 1e-4);
  for (int i = 0; i < settings.grid; ++i) {
    const double lr = settings.axes.x.value(i, settings.grid);
    const double wd = settings.axes.y.value(0, settings.grid);
    const double expected = std::ceil(std::log(settings.eps) / (2.0 * std::log(1.0 - lr * (a + wd))));
    EXPECT_NEAR(map.steps[static_cast<std::size_t>(i)], expected, 1.0) << "lr " << lr;
    EXPECT_EQ(map.outcome[static_cast<std::size_t>(i)], StabilityOutcome::reached);
  }
}

TEST(StabilityMap, WithoutAKnownMinimumTheLowestValueReachedIsFStar) {
  formula::CompileError error;
  auto cost = FormulaFunction::create("(x - 1)^2 + 3*y^2 + 2", {-2, 2, -2, 2}, error);
  ASSERT_NE(cost, nullptr) << error.message;
  auto gd = make_optimizer("gd");
  StabilitySettings settings;
  settings.axes = axes_of(*gd, "lr=0.01:1,weight_decay=0:0.01");
  settings.grid = 16;
  settings.start = {-1.0, 1.0};
  const StabilityMap map = map_of(*cost, *gd, settings);
  EXPECT_FALSE(map.f_star_known);
  EXPECT_NEAR(map.f_star, 2.0, 1e-6);
  EXPECT_GT(map.count(StabilityOutcome::reached), 0u);
  EXPECT_GT(map.count(StabilityOutcome::diverged), 0u);
}

TEST(StabilityMap, TheSameMapOnOneThreadOnManyAndInSlices) {
  const Quadratic cost(3.0);
  auto adam = make_optimizer("adam");
  StabilitySettings settings;
  settings.axes = axes_of(*adam, "lr,beta1");
  settings.grid = 24;
  settings.start = {1.0, -1.5};
  settings.threads = 1;
  const StabilityMap one = map_of(cost, *adam, settings);
  settings.threads = 4;
  const StabilityMap many = map_of(cost, *adam, settings);
  StabilityMapper mapper(cost, *adam, settings);
  int slices = 0;
  while (mapper.run(TimeSlice::from_now(std::chrono::microseconds(1))) == TaskEnd::paused) ++slices;
  const StabilityMap sliced = mapper.finish();
  EXPECT_GT(slices, 2);
  for (const StabilityMap* other : {&many, &sliced}) {
    EXPECT_EQ(one.outcome, other->outcome);
    EXPECT_EQ(one.steps, other->steps);
    EXPECT_EQ(one.final_f, other->final_f);
  }
}

TEST(StabilityAxes, DefaultRangesFollowTheParameterTable) {
  auto momentum = make_optimizer("momentum");
  auto axes = parse_stability_axes(*momentum, "lr,momentum");
  ASSERT_TRUE(axes) << axes.error();
  EXPECT_TRUE(axes->x.log);  // lr: four decades around the current 0.01
  EXPECT_DOUBLE_EQ(axes->x.lo, 1e-4);
  EXPECT_DOUBLE_EQ(axes->x.hi, 1.0);
  EXPECT_FALSE(axes->y.log);  // momentum: its whole range
  EXPECT_EQ(axes->y.lo, 0.0);
  EXPECT_EQ(axes->y.hi, 0.999);
  EXPECT_NEAR(axes->x.value(0, 4), 1e-4 * std::pow(10.0, 0.5), 1e-12);
  EXPECT_NEAR(axes->x.position(1e-2), 0.5, 1e-12);
}

TEST(StabilityAxes, MistakesAreRefusedInOneLineWithTheValidKeysNamed) {
  auto momentum = make_optimizer("momentum");
  const auto error = [&](const std::string& text) {
    auto axes = parse_stability_axes(*momentum, text);
    return axes ? std::string("accepted") : axes.error();
  };
  EXPECT_EQ(error("lr,momentun"),
            "unknown parameter 'momentun' for a stability axis of optimizer 'momentum' (valid: lr, momentum, "
            "weight_decay, dampening)");
  EXPECT_EQ(error("lr,maximize"),
            "'maximize' takes whole numbers only for a stability axis of optimizer 'momentum' (valid: lr, momentum, "
            "weight_decay, dampening)");
  EXPECT_EQ(error("lr=1e-4:100,momentum"), "invalid axis 'lr=1e-4:100': lr: must be <= 10, got 100");
  EXPECT_EQ(error("lr,momentum=0:1.5"), "invalid axis 'momentum=0:1.5': momentum: must be <= 0.999, got 1.5");
  EXPECT_EQ(error("lr=1:0.1,momentum"), "invalid axis 'lr=1:0.1': LO must be less than HI");
  EXPECT_EQ(error("lr=a:b,momentum"), "invalid axis 'lr=a:b': expected KEY=LO:HI with two numbers, e.g. lr=1e-4:1");
  EXPECT_EQ(error("lr"), "invalid --axes 'lr': expected two parameters KEY[=LO:HI],KEY[=LO:HI], e.g. lr,momentum or "
                         "lr=1e-4:1,momentum=0:0.99");
  EXPECT_EQ(error("lr,lr"), "invalid --axes 'lr,lr': the two axes must differ");
  EXPECT_EQ(error("lr=0:1,momentum"), "invalid axis 'lr=0:1': lr: must be > 0, got 0");
}

TEST(StabilityAxes, WellFormedTextIsCheckedWithoutTheOptimizer) {
  // A scene file's render.stability.axes, read before its optimizer is built.
  EXPECT_TRUE(well_formed_stability_axes("lr,momentum"));
  EXPECT_TRUE(well_formed_stability_axes("lr=1e-4:1,beta1=0:0.999"));
  EXPECT_TRUE(well_formed_stability_axes("lr,momentun")) << "keys are checked against the optimizer later";
  for (const char* bad :
       {"lr", "lr,momentum,eps", "lr,lr", ",momentum", "lr=1:0.1,momentum", "lr=a:b,momentum", "lr=1,momentum"}) {
    EXPECT_FALSE(well_formed_stability_axes(bad)) << bad;
  }
}

TEST(StabilityAxes, DefaultAxesAreLrAndTheNextElseTheFirstTwo) {
  const auto keys = [](const std::string& name) {
    auto axes = default_stability_axes(*make_optimizer(name));
    return axes ? axes->x.key + "," + axes->y.key : axes.error();
  };
  EXPECT_EQ(keys("momentum"), "lr,momentum");
  EXPECT_EQ(keys("adam"), "lr,beta1");
  EXPECT_EQ(keys("neldermead"), "simplex_size,reflection") << "no lr: the first two";
  EXPECT_EQ(keys("signsgd"), "optimizer 'signsgd' has one parameter, lr, a stability map can vary: a map needs two");
}
