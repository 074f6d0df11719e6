// cost_glsl() on the GPU (Mesa llvmpipe's compute shaders in CI) against the C++ it was compiled
// from: every built-in and a typed formula for every operation of the formula language, value
// and gradient at many points. The measure in double: |gpu - cpu| <= 1e-12 max(1, |cpu|) at every
// point. In float (points rounded to float first, so only the arithmetic differs) a pointwise
// relative bound cannot hold where f's terms cancel (Himmelblau's gradient near a minimum: terms
// of 100 summing to 0.13) or a sine's argument is large (rastrigin's 2 pi y rounded to float
// moves the sine by 1e-4): |gpu - cpu| <= 1e-5 max(1, S), S the largest |cpu| of that quantity
// (f, df/dx or df/dy) over the samples. NaN exactly where the C++ gives NaN, in both.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/glsl/cost_glsl.hpp"
#include "engine/core/random.hpp"
#include "engine/render/compute/compute_support.hpp"
#include "engine/render/compute/cost_evaluator.hpp"
#include "tests/render/compute_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace losscape {
namespace {

using CostGlsl = ComputeShaderTest;

// Points over the domain and a margin around it, and a few on the axes (zeros).
std::vector<glm::dvec2> sample_points(const Domain& domain, GlslPrecision precision) {
  std::vector<glm::dvec2> points;
  Random random(19);
  for (int i = 0; i < 400; ++i) {
    points.push_back({domain.x_min - 0.25 * domain.width() + 1.5 * domain.width() * random.uniform(),
                      domain.y_min - 0.25 * domain.height() + 1.5 * domain.height() * random.uniform()});
  }
  for (double t : {-1.0, -0.5, 0.0, 0.5, 1.0}) points.push_back({t, 0.0}), points.push_back({0.0, t});
  if (precision == GlslPrecision::fp32) {
    for (auto& p : points) p = glm::dvec2(glm::vec2(p));
  }
  return points;
}

bool close(double gpu, double cpu, double tolerance, double scale) {
  if (std::isnan(cpu) || std::isnan(gpu)) return std::isnan(cpu) == std::isnan(gpu);
  if (std::isinf(cpu) || std::isinf(gpu)) return gpu == cpu;
  return std::abs(gpu - cpu) <= tolerance * std::max({1.0, std::abs(cpu), scale});
}

// Ackley's built-in gradient is 0 at its minimum (0, 0), where its formula's sqrt(x^2 + y^2)
// has no derivative (0.5 / 0 times 0: NaN, as the C++ formula gives too): the one point where
// a built-in's hand-written C++ and its formula differ.
bool formula_singular_where_builtin_is_not(const CostFunction& cost, glm::dvec2 p) {
  return cost.name() == "ackley" && p == glm::dvec2(0.0);
}

// Value and gradient at every sample point; returns the largest error by the measure above.
double expect_matches(const CostFunction& cost, GlslPrecision precision, const std::string& what) {
  const double tolerance = precision == GlslPrecision::fp64 ? 1e-12 : 1e-5;
  auto evaluator = GpuCostEvaluator::create(cost, precision);
  EXPECT_TRUE(evaluator) << what << ": " << evaluator.error();
  if (!evaluator) return 0.0;
  const std::vector<glm::dvec2> points = sample_points(cost.domain(), precision);
  const CostSamples gpu = evaluator->evaluate(points);
  std::vector<std::array<double, 3>> cpu(points.size());
  double scale[3] = {0.0, 0.0, 0.0};  // float's: the largest finite |cpu| of each quantity
  for (std::size_t i = 0; i < points.size(); ++i) {
    const glm::dvec2 g = cost.gradient(points[i]);
    cpu[i] = {cost.value(points[i]), g.x, g.y};
    for (int k = 0; k < 3; ++k) {
      if (precision == GlslPrecision::fp32 && std::isfinite(cpu[i][k]))
        scale[k] = std::max(scale[k], std::abs(cpu[i][k]));
    }
  }
  double worst = 0.0;
  int failures = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const glm::dvec2 p = points[i];
    if (formula_singular_where_builtin_is_not(cost, p)) continue;
    const double f = cpu[i][0];
    const double got[3] = {gpu.value[i], gpu.gradient[i].x, gpu.gradient[i].y};
    for (int k = 0; k < 3; ++k) {
      // The gradient where f is NaN is not compared: f's NaN is what the rules read.
      if (k > 0 && std::isnan(f)) continue;
      if (!close(got[k], cpu[i][k], tolerance, scale[k])) {
        if (++failures <= 3) {
          ADD_FAILURE() << what << " (" << precision_name(precision) << ") at (" << p.x << ", " << p.y << ") "
                        << (k == 0   ? "f"
                            : k == 1 ? "df/dx"
                                     : "df/dy")
                        << ": GPU " << got[k] << ", C++ " << cpu[i][k];
        }
      } else if (std::isfinite(cpu[i][k])) {
        worst = std::max(worst, std::abs(got[k] - cpu[i][k]) / std::max({1.0, std::abs(cpu[i][k]), scale[k]}));
      }
    }
  }
  return worst;
}

std::unique_ptr<FormulaFunction> formula(const std::string& text) {
  auto made = make_formula_function(text, nullptr);
  EXPECT_TRUE(made) << text << ": " << made.error();
  return made ? std::move(*made) : nullptr;
}

// One formula per operation (every Op of engine/core/formula/op.hpp), with arguments kept
// where each is defined over most of the sample points, and some points where it is not.
const std::vector<std::string>& formulas_for_every_op() {
  static const std::vector<std::string> texts = {
      "x + y - 3.25 * x * y / (1 + y^2)",  // constant, x, y, add, sub, mul, div, pow_int
      "-x^3 + a*y where a = 0.7",          // neg, parameter
      "x^-2 + y^5",                        // pow_int, negative
      "abs(x)^1.5 + (y^2 + 1)^0.25",       // pow_real, abs
      "pow(x^2 + 1, y / 3)",               // pow, both variable
      "pow(x, y)",                         // pow: a negative base (NaN where y is not whole)
      "sin(3*x) * cos(2*y) + tan(x / 8)",  // sin, cos, tan
      "asin(x / 7) + acos(y / 7)",         // asin, acos (NaN beyond |u| > 1)
      "atan(x * y) + atan2(y, x)",         // atan, atan2
      "sinh(x / 2) + cosh(y / 3) + tanh(x - y)",
      "exp(-(x^2 + y^2) / 8) + log(x^2 + 0.5) + log10(y^2 + 2) + log2(x^2 + y^2 + 1)",
      "log(x) + sqrt(y)",  // NaN for x < 0 or y < 0
      "min(x, y) + max(x^2, y)",
      "sinh(0.01 * x) + tanh(0.05 * y)",  // small arguments: sinh's and tanh's series
  };
  return texts;
}

// The largest difference over every built-in in `precision`, after the checks.
double worst_over_builtins(GlslPrecision precision) {
  double worst = 0.0;
  for (const std::string& name : builtin_function_names()) {
    worst = std::max(worst, expect_matches(*make_builtin_function(name), precision, name));
  }
  return worst;
}

TEST_F(CostGlsl, EveryBuiltinMatchesItsCppInDouble) {
  std::printf("built-ins in double: largest relative difference %.3g\n", worst_over_builtins(GlslPrecision::fp64));
}

TEST_F(CostGlsl, EveryBuiltinMatchesItsCppInFloat) {
  std::printf("built-ins in float: largest relative difference %.3g\n", worst_over_builtins(GlslPrecision::fp32));
}

// The largest difference over every formula of formulas_for_every_op() in `precision`.
double worst_over_formulas(GlslPrecision precision) {
  double worst = 0.0;
  for (const std::string& text : formulas_for_every_op()) {
    const auto cost = formula(text);
    if (cost) worst = std::max(worst, expect_matches(*cost, precision, text));
  }
  return worst;
}

TEST_F(CostGlsl, FormulasOfEveryOperationMatchTheCppInDouble) {
  std::printf("formulas in double: largest relative difference %.3g\n", worst_over_formulas(GlslPrecision::fp64));
}

// Arguments up to 700: double's argument reduction (float's rounding of 100 y alone moves the
// sine by 1e-5, so this is double's test only).
TEST_F(CostGlsl, LargeArgumentsMatchTheCppInDouble) {
  const auto cost = formula("sin(40*x) + cos(100*y) + exp(x) - exp(-y) where a = 1");
  ASSERT_TRUE(cost);
  const double worst = expect_matches(*cost, GlslPrecision::fp64, cost->formula());
  std::printf("large arguments in double: largest relative difference %.3g\n", worst);
}

TEST_F(CostGlsl, FormulasOfEveryOperationMatchTheCppInFloat) {
  std::printf("formulas in float: largest relative difference %.3g\n", worst_over_formulas(GlslPrecision::fp32));
}

}  // namespace
}  // namespace losscape

namespace losscape {
namespace {

// A cost of another kind (here a test's own class; in the program a data surface, a Python
// callable, a noisy cost) has no GLSL form: one line, and the caller takes the CPU path.
class Elsewhere final : public CostFunction {
 public:
  double value(glm::dvec2 p) const override { return p.x * p.x; }
  glm::dvec2 gradient(glm::dvec2 p) const override { return {2.0 * p.x, 0.0}; }
  glm::dmat2 hessian(glm::dvec2) const override { return glm::dmat2(2.0, 0.0, 0.0, 0.0); }
  const std::string& name() const override { return name_; }
  const std::string& title() const override { return name_; }
  const std::string& formula() const override { return name_; }
  Domain domain() const override { return {}; }

 private:
  std::string name_ = "himmelblau";  // a built-in's name is not enough: the class decides
};

TEST(CostGlslText, ACostOfAnotherKindHasNoGlslFormInOneLine) {
  const auto glsl = cost_glsl(Elsewhere{}, GlslPrecision::fp64);
  ASSERT_FALSE(glsl);
  EXPECT_EQ(glsl.error(), "cost 'himmelblau' has no GLSL form (only typed formulas and built-ins run on the GPU)");
}

TEST(CostGlslText, StartsWithThePrecisionsDefinesAndBakesParameters) {
  auto cost = make_formula_function("a*x^2 + y where a = 0.1", nullptr);
  ASSERT_TRUE(cost);
  const auto fp64 = cost_glsl(**cost, GlslPrecision::fp64), fp32 = cost_glsl(**cost, GlslPrecision::fp32);
  ASSERT_TRUE(fp64 && fp32);
  EXPECT_EQ(fp64->rfind("#define LOSSCAPE_REAL double\n#define LOSSCAPE_REAL2 dvec2\n", 0), 0u);
  EXPECT_EQ(fp32->rfind("#define LOSSCAPE_REAL float\n#define LOSSCAPE_REAL2 vec2\n", 0), 0u);
  EXPECT_NE(fp64->find("= 0.10000000000000001LF;"), std::string::npos);  // 17 digits, a double literal
  EXPECT_NE(fp32->find("= 0.1;"), std::string::npos);
  EXPECT_NE(fp64->find("void losscape_cost(in LOSSCAPE_REAL2 p, out LOSSCAPE_REAL f, out LOSSCAPE_REAL2 g)"),
            std::string::npos);
}

}  // namespace
}  // namespace losscape
