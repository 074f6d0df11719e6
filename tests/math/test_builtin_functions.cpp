// Tests for the built-in cost functions (engine/core/builtin_functions.*).
//
// Every built-in is checked, one parameterized instance per command-line name:
//   - the analytic gradient against a 4th-order central difference of the value,
//   - the analytic Hessian against a 4th-order central difference of the analytic gradient,
//     and for symmetry,
//   - every listed minimum: inside the domain, zero gradient, the listed value, a strict local
//     minimum, and the global flags consistent with a dense sample of the domain.
#include "engine/core/builtin_functions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <numbers>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace losscape {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

// Deterministic, platform-independent pseudo-random doubles in [0, 1) (SplitMix64).
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  double uniform() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t state_;
};

// Deterministic points spread over the domain (including near its edges).
std::vector<glm::dvec2> sample_points(const Domain& d, int count, std::uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<glm::dvec2> points;
  for (int i = 0; i < count; ++i) {
    const double u = rng.uniform(), v = rng.uniform();
    points.push_back({d.x_min + u * d.width(), d.y_min + v * d.height()});
  }
  return points;
}

// Finite-difference step: a fixed fraction of the domain's larger side.
double fd_step(const Domain& d) { return 1e-4 * std::max(d.width(), d.height()); }

// 4th-order central difference of a scalar or vector function along `dir`:
//   (-f(p + 2h) + 8 f(p + h) - 8 f(p - h) + f(p - 2h)) / (12 h), truncation error O(h^4).
// `magnitude` receives the largest |f| seen, which bounds the rounding error (~ eps |f| / h).
template <class F>
auto central_difference(F f, glm::dvec2 p, glm::dvec2 dir, double h, double& magnitude) {
  const auto f2 = f(p + 2.0 * h * dir), f1 = f(p + h * dir);
  const auto m1 = f(p - h * dir), m2 = f(p - 2.0 * h * dir);
  for (const auto& sample : {f2, f1, m1, m2}) {
    if constexpr (std::is_same_v<std::decay_t<decltype(sample)>, double>) {
      magnitude = std::max(magnitude, std::abs(sample));
    } else {
      magnitude = std::max({magnitude, std::abs(sample.x), std::abs(sample.y)});
    }
  }
  return (-f2 + 8.0 * f1 - 8.0 * m1 + m2) / (12.0 * h);
}

double max_abs(glm::dvec2 v) { return std::max(std::abs(v.x), std::abs(v.y)); }
double max_abs(const glm::dmat2& m) {
  return std::max({std::abs(m[0][0]), std::abs(m[0][1]), std::abs(m[1][0]), std::abs(m[1][1])});
}

// Tolerances. A finite difference is trusted to the rounding bound kRoundoff * eps * |f| / h
// (the stencil's weights sum to 18/12; the factor leaves room for the error in f itself) plus a
// relative truncation allowance.
constexpr double kRoundoff = 64.0;
constexpr double kGradientRelTol = 1e-8;
constexpr double kHessianRelTol = 1e-7;
constexpr int kSamplePoints = 256;

class BuiltinFunctionTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    fn_ = make_builtin_function(GetParam());
    ASSERT_NE(fn_, nullptr) << GetParam();
  }
  std::unique_ptr<CostFunction> fn_;
};

TEST_P(BuiltinFunctionTest, MetadataIsComplete) {
  EXPECT_EQ(fn_->name(), GetParam());
  EXPECT_FALSE(fn_->title().empty());
  EXPECT_FALSE(fn_->formula().empty());
  for (char c : fn_->formula()) {
    EXPECT_TRUE(c >= 0x20 && c < 0x7f) << "formula must be plain printable ASCII";
  }
  const Domain d = fn_->domain();
  EXPECT_LT(d.x_min, d.x_max);
  EXPECT_LT(d.y_min, d.y_max);
}

TEST_P(BuiltinFunctionTest, GradientMatchesCentralDifferences) {
  const Domain d = fn_->domain();
  const double h = fd_step(d);
  const auto f = [&](glm::dvec2 q) { return fn_->value(q); };
  for (const glm::dvec2 p : sample_points(d, kSamplePoints, 1)) {
    const glm::dvec2 g = fn_->gradient(p);
    double magnitude = std::abs(fn_->value(p));
    const glm::dvec2 numeric(central_difference(f, p, {1.0, 0.0}, h, magnitude),
                             central_difference(f, p, {0.0, 1.0}, h, magnitude));
    ASSERT_TRUE(std::isfinite(magnitude)) << "at (" << p.x << ", " << p.y << ")";
    const double tol = kGradientRelTol * (1.0 + max_abs(g)) + kRoundoff * kEps * magnitude / h;
    EXPECT_NEAR(g.x, numeric.x, tol) << "df/dx at (" << p.x << ", " << p.y << ")";
    EXPECT_NEAR(g.y, numeric.y, tol) << "df/dy at (" << p.x << ", " << p.y << ")";
  }
}

TEST_P(BuiltinFunctionTest, HessianMatchesCentralDifferencesOfGradient) {
  const Domain d = fn_->domain();
  const double h = fd_step(d);
  const auto grad = [&](glm::dvec2 q) { return fn_->gradient(q); };
  for (const glm::dvec2 p : sample_points(d, kSamplePoints, 2)) {
    const glm::dmat2 H = fn_->hessian(p);
    double magnitude = max_abs(fn_->gradient(p));
    // Column j of the Hessian is d(gradient)/dx_j (glm is column-major: H[j] is column j).
    const glm::dmat2 numeric(central_difference(grad, p, {1.0, 0.0}, h, magnitude),
                             central_difference(grad, p, {0.0, 1.0}, h, magnitude));
    const double tol = kHessianRelTol * (1.0 + max_abs(H)) + kRoundoff * kEps * magnitude / h;
    for (int j = 0; j < 2; ++j) {
      for (int i = 0; i < 2; ++i) {
        EXPECT_NEAR(H[j][i], numeric[j][i], tol) << "H[" << j << "][" << i << "] at (" << p.x << ", " << p.y << ")";
      }
    }
    EXPECT_NEAR(H[0][1], H[1][0], 1e-12 * (1.0 + max_abs(H))) << "asymmetric Hessian at (" << p.x << ", " << p.y << ")";
  }
}

TEST_P(BuiltinFunctionTest, KnownMinimaAreStationaryWithListedValues) {
  const Domain d = fn_->domain();
  for (const KnownMinimum& m : fn_->known_minima()) {
    const glm::dvec2 p = m.position;
    SCOPED_TRACE(testing::Message() << "minimum at (" << p.x << ", " << p.y << ")");
    EXPECT_TRUE(d.contains(p)) << "minimum outside the default domain";
    EXPECT_NEAR(fn_->value(p), m.value, 1e-9 * (1.0 + std::abs(m.value)));
    // Zero gradient, scaled by the curvature: a position error e gives a gradient of about |H| e.
    // (At Ackley's cone-shaped minimum the Hessian is the smooth part's, the gradient exactly 0.)
    const double curvature = max_abs(fn_->hessian(p));
    EXPECT_LE(max_abs(fn_->gradient(p)), 1e-8 * (1.0 + curvature));
    // A strict local minimum: every nearby point on a small circle is higher. This holds at
    // Ackley's non-smooth minimum as well, where a Hessian test would not apply.
    const double radius = 1e-4 * std::max(d.width(), d.height());
    for (int k = 0; k < 16; ++k) {
      const double angle = 2.0 * std::numbers::pi * (k + 0.5) / 16.0;
      const glm::dvec2 q = p + radius * glm::dvec2(std::cos(angle), std::sin(angle));
      EXPECT_GT(fn_->value(q), fn_->value(p)) << "higher neighbour expected at angle " << angle;
    }
  }
}

TEST_P(BuiltinFunctionTest, GlobalFlagsMatchTheDomain) {
  const std::vector<KnownMinimum> minima = fn_->known_minima();
  if (minima.empty()) return;  // the saddles; see SaddlesHaveNoMinimumAndOthersDo

  double lowest = minima.front().value;
  for (const KnownMinimum& m : minima) lowest = std::min(lowest, m.value);
  const double tol = 1e-9 * (1.0 + std::abs(lowest));
  int globals = 0;
  for (const KnownMinimum& m : minima) {
    if (m.global) {
      ++globals;
      EXPECT_NEAR(m.value, lowest, tol) << "global minimum higher than another listed one";
    } else {
      EXPECT_GT(m.value, lowest + tol) << "local minimum as low as the global one";
    }
  }
  EXPECT_GE(globals, 1);

  // Listed minima are distinct.
  for (std::size_t i = 0; i < minima.size(); ++i) {
    for (std::size_t j = i + 1; j < minima.size(); ++j) {
      EXPECT_GT(glm::length(minima[i].position - minima[j].position), 1e-6);
    }
  }

  // No sample of the domain lies below the global minimum, and log1p-drawn functions stay
  // non-negative so that their height is defined.
  const Domain d = fn_->domain();
  const int n = 400;
  double sampled_min = std::numeric_limits<double>::infinity();
  for (int i = 0; i <= n; ++i) {
    for (int j = 0; j <= n; ++j) {
      const glm::dvec2 p(d.x_min + d.width() * i / n, d.y_min + d.height() * j / n);
      sampled_min = std::min(sampled_min, fn_->value(p));
    }
  }
  EXPECT_GE(sampled_min, lowest - tol);
  if (fn_->height_transform() == HeightTransform::log1p) {
    EXPECT_GE(sampled_min, 0.0);
  }
}

TEST_P(BuiltinFunctionTest, BatchedEvaluationGivesValueAndGradientBitForBit) {
  // The basin maps run on evaluate_batch (vectorised, cloned per CPU), the balls on value() and
  // gradient(): they must agree exactly. Points in the domain, far around it (where basin-map
  // steps may land), and far away (where the sines and cosines take libm's path), in batches
  // that are all near, and mixed.
  const Domain d = fn_->domain();
  const Domain around{d.x_min - 3 * d.width(), d.x_max + 3 * d.width(), d.y_min - 3 * d.height(),
                      d.y_max + 3 * d.height()};
  std::vector<glm::dvec2> points = sample_points(d, kSamplePoints, 5);
  for (const glm::dvec2 p : sample_points(around, kSamplePoints, 6)) points.push_back(p);
  points.push_back({3e4, -1.5e4}), points.push_back({0.25, -3e4});  // just inside the vectorised code's bound
  const std::size_t near = points.size();
  for (const double far : {4e4, 1e6, 1e12}) points.push_back({far, -0.5 * far}), points.push_back({0.25, far});
  std::vector<double> x, y;
  for (const glm::dvec2 p : points) x.push_back(p.x), y.push_back(p.y);
  for (const std::size_t n : {near, points.size()}) {
    std::vector<double> f(n), gx(n), gy(n);
    fn_->evaluate_batch(x.data(), y.data(), n, f.data(), gx.data(), gy.data());
    for (std::size_t i = 0; i < n; ++i) {
      const glm::dvec2 g = fn_->gradient(points[i]);
      ASSERT_EQ(f[i], fn_->value(points[i])) << "at (" << x[i] << ", " << y[i] << ")";
      ASSERT_EQ(gx[i], g.x) << "at (" << x[i] << ", " << y[i] << ")";
      ASSERT_EQ(gy[i], g.y) << "at (" << x[i] << ", " << y[i] << ")";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllBuiltins, BuiltinFunctionTest, ::testing::ValuesIn(builtin_function_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) { return param_info.param; });

// ---------------------------------------------------------------------------------------------

TEST(BuiltinFunctionRegistry, NamesAreTheEighteenInUiOrder) {
  const std::vector<std::string> expected = {"bowl",
                                             "saddle",
                                             "monkey_saddle",
                                             "rosenbrock",
                                             "himmelblau",
                                             "rastrigin",
                                             "ackley",
                                             "beale",
                                             "booth",
                                             "matyas",
                                             "three_hump_camel",
                                             "six_hump_camel",
                                             "goldstein_price",
                                             "styblinski_tang",
                                             "mccormick",
                                             "easom",
                                             "levi13",
                                             "sincos_wave"};
  const std::vector<std::string>& names = builtin_function_names();
  EXPECT_EQ(names, expected);
  EXPECT_EQ(names.size(), 18u);
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  for (const std::string& name : names) {
    const auto fn = make_builtin_function(name);
    ASSERT_NE(fn, nullptr) << name;
    EXPECT_EQ(fn->name(), name);
  }
}

TEST(BuiltinFunctionRegistry, UnknownNameGivesNullptr) {
  EXPECT_EQ(make_builtin_function("no_such_function"), nullptr);
  EXPECT_EQ(make_builtin_function(""), nullptr);
  EXPECT_EQ(make_builtin_function("Himmelblau"), nullptr);  // names are case-sensitive
  EXPECT_EQ(make_builtin_function("rosenbrock "), nullptr);
}

TEST(BuiltinFunctionRegistry, LogHeightOnlyForWideRangeFunctions) {
  for (const std::string& name : builtin_function_names()) {
    const bool wide = name == "rosenbrock" || name == "beale" || name == "goldstein_price";
    EXPECT_EQ(make_builtin_function(name)->height_transform(), wide ? HeightTransform::log1p : HeightTransform::linear)
        << name;
  }
}

TEST(BuiltinFunctionRegistry, SaddlesHaveNoMinimumAndOthersDo) {
  for (const std::string& name : builtin_function_names()) {
    const bool saddle = name == "saddle" || name == "monkey_saddle";
    EXPECT_EQ(make_builtin_function(name)->known_minima().empty(), saddle) << name;
  }
}

// The classics start where the path is worth watching, and Rosenbrock and Rastrigin are seen from
// above; the rest start near a corner and take the usual view.
TEST(BuiltinFunctionRegistry, TheClassicsHaveTheirOwnStartsAndTwoTheirOwnViews) {
  const std::set<std::string> with_start = {"bowl", "saddle", "rosenbrock", "himmelblau", "beale", "booth"};
  for (const std::string& name : builtin_function_names()) {
    const auto f = make_builtin_function(name);
    const std::optional<glm::dvec2> start = f->preferred_start();
    EXPECT_EQ(start.has_value(), with_start.count(name) == 1) << name;
    const PreferredView view = f->preferred_view();
    EXPECT_EQ(view.pitch.has_value(), name == "rosenbrock" || name == "rastrigin") << name;
  }
  EXPECT_EQ(make_builtin_function("himmelblau")->preferred_start(), glm::dvec2(-0.4, -0.2));
  const PreferredView rosenbrock = make_builtin_function("rosenbrock")->preferred_view();
  EXPECT_EQ(rosenbrock.yaw, -10.0f);
  EXPECT_EQ(rosenbrock.pitch, 62.0f);
  EXPECT_EQ(rosenbrock.distance, 4.0f);
  const PreferredView rastrigin = make_builtin_function("rastrigin")->preferred_view();
  EXPECT_EQ(rastrigin.yaw, std::nullopt) << "the usual yaw";
  EXPECT_EQ(rastrigin.pitch, 70.0f);
  EXPECT_EQ(rastrigin.distance, 4.6f);
}

}  // namespace
}  // namespace losscape
