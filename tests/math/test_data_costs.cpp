// Data-backed cost functions: the line-fit MSE surface and the interpolated height field.
#include "engine/scene/data_costs.hpp"

#include "tests/math/finite_difference.hpp"
#include "tests/take_result.hpp"
#include "tests/temp_folder.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

using namespace losscape;
namespace fs = std::filesystem;

namespace {

const fs::path kSourceDir = fs::path(__FILE__).parent_path().parent_path().parent_path();

fs::path write_temp(const std::string& name, const std::string& content) {
  const fs::path dir = losscape::testing::temp_folder();
  std::ofstream(dir / name, std::ios::binary) << content;
  return dir / name;
}

}  // namespace

TEST(LineFitMse, MinimumIsTheLeastSquaresFitAndDerivativesAreExact) {
  // Five points; the normal equations by hand: sums x=10, x^2=30, y=17.5, xy=47, n=5.
  const std::vector<glm::dvec2> points = {{0, 1.0}, {1, 2.5}, {2, 3.5}, {3, 4.5}, {4, 6.0}};
  // w = (n sxy - sx sy) / (n sxx - sx^2) = (235 - 175) / (150 - 100) = 1.2; b = (17.5 - 12) / 5 = 1.1
  LineFitMse mse(points, "test");
  EXPECT_NEAR(mse.least_squares().x, 1.2, 1e-14);
  EXPECT_NEAR(mse.least_squares().y, 1.1, 1e-14);
  ASSERT_EQ(mse.known_minima().size(), 1u);
  EXPECT_NEAR(glm::length(mse.gradient(mse.least_squares())), 0.0, 1e-13);
  // Value against direct summation; gradient and Hessian against differences.
  for (glm::dvec2 wb : {glm::dvec2(0.3, -2.0), glm::dvec2(2.5, 4.0), glm::dvec2(-1.0, 0.5)}) {
    double direct = 0.0;
    for (const auto& p : points) direct += (wb.x * p.x + wb.y - p.y) * (wb.x * p.x + wb.y - p.y);
    direct /= static_cast<double>(points.size());
    EXPECT_NEAR(mse.value(wb), direct, 1e-12 * (1.0 + direct));
    auto f = [&](glm::dvec2 q) { return mse.value(q); };
    auto gw = [&](glm::dvec2 q) { return mse.gradient(q).x; };
    auto gb = [&](glm::dvec2 q) { return mse.gradient(q).y; };
    EXPECT_NEAR(mse.gradient(wb).x, losscape::testing::central_difference(f, wb, {1, 0}, 1e-3), 1e-8);
    EXPECT_NEAR(mse.gradient(wb).y, losscape::testing::central_difference(f, wb, {0, 1}, 1e-3), 1e-8);
    EXPECT_NEAR(mse.hessian(wb)[0][0], losscape::testing::central_difference(gw, wb, {1, 0}, 1e-3), 1e-8);
    EXPECT_NEAR(mse.hessian(wb)[0][1], losscape::testing::central_difference(gw, wb, {0, 1}, 1e-3), 1e-8);
    EXPECT_NEAR(mse.hessian(wb)[1][1], losscape::testing::central_difference(gb, wb, {0, 1}, 1e-3), 1e-8);
  }
  EXPECT_TRUE(mse.domain().contains(mse.least_squares()));
}

TEST(LineFitMse, TheShippedDataSetLoads) {
  std::string error;
  auto mse = losscape::testing::take(load_line_fit_csv((kSourceDir / "assets" / "line_fit.csv").string()), error);
  ASSERT_NE(mse, nullptr) << error;
  EXPECT_NEAR(mse->least_squares().x, 2.033212, 1e-6);  // close to the y = 2x + 1 it was drawn from
  EXPECT_NEAR(mse->least_squares().y, 0.962487, 1e-6);
}

TEST(DataLoaders, EveryErrorIsOneLineNamingTheFileAndLine) {
  std::string error;
  EXPECT_EQ(losscape::testing::take(load_line_fit_csv("/nonexistent/data.csv"), error), nullptr);
  EXPECT_EQ(error, "cannot open /nonexistent/data.csv: No such file or directory");
  const auto bad_number = write_temp("bad.csv", "x,y\n1,2\n3,abc\n");
  EXPECT_EQ(losscape::testing::take(load_line_fit_csv(bad_number.string()), error), nullptr);
  EXPECT_EQ(error, bad_number.string() + ":3: expected two numbers, got 'abc'");
  const auto one_column = write_temp("one.csv", "x,y\n1,2\n3\n");
  EXPECT_EQ(losscape::testing::take(load_line_fit_csv(one_column.string()), error), nullptr);
  EXPECT_EQ(error, one_column.string() + ":3: expected two numbers (x, y), got 1");
  const auto empty = write_temp("empty.csv", "");
  EXPECT_EQ(losscape::testing::take(load_line_fit_csv(empty.string()), error), nullptr);
  EXPECT_EQ(error, empty.string() + ": needs at least 2 points with different x");
  const auto same_x = write_temp("samex.csv", "1,2\n1,3\n1,4\n");
  EXPECT_EQ(losscape::testing::take(load_line_fit_csv(same_x.string()), error), nullptr);
  EXPECT_EQ(error, same_x.string() + ": needs at least 2 points with different x");
  const auto infinite = write_temp("inf.csv", "x,y\n1,2\n2,inf\n");
  EXPECT_EQ(losscape::testing::take(load_line_fit_csv(infinite.string()), error), nullptr);
  EXPECT_EQ(error, infinite.string() + ":3: expected two numbers, got 'inf'");

  const auto ragged = write_temp("ragged.csv", "1,2,3,4\n1,2,3,4\n1,2,3\n1,2,3,4\n");
  EXPECT_EQ(losscape::testing::take(load_height_field_csv(ragged.string()), error), nullptr);
  EXPECT_EQ(error, ragged.string() + ":3: row has 3 values, the first row had 4");
  const auto small = write_temp("small.csv", "1,2,3\n4,5,6\n7,8,9\n");
  EXPECT_EQ(losscape::testing::take(load_height_field_csv(small.string()), error), nullptr);
  EXPECT_EQ(error, small.string() + ": needs a grid of at least 4 x 4 values, got 3 x 3");
  const auto bad_domain = write_temp("domain.csv", "# domain 1 0 0 1\n1,2,3,4\n");
  EXPECT_EQ(losscape::testing::take(load_height_field_csv(bad_domain.string()), error), nullptr);
  EXPECT_EQ(error, bad_domain.string() + ":1: expected '# domain XMIN XMAX YMIN YMAX' with XMIN < XMAX, YMIN < YMAX");
  const auto nan_value = write_temp("nan.csv", "1,2,3,4\n1,nan,3,4\n");
  EXPECT_EQ(losscape::testing::take(load_height_field_csv(nan_value.string()), error), nullptr);
  EXPECT_EQ(error, nan_value.string() + ":2: expected numbers, got 'nan'");
}

TEST(DataLoaders, TenThousandRandomFilesNeverCrashEitherLoader) {
  std::mt19937 rng(5);
  const std::string alphabet = "0123456789.,-+e \n#xyabcdomain\t\r";
  for (int n = 0; n < 10000; ++n) {
    std::string content;
    std::uniform_int_distribution<int> length(0, 200);
    for (int i = length(rng); i > 0; --i) {
      content += n % 2 ? static_cast<char>(rng() & 0xff) : alphabet[rng() % alphabet.size()];
    }
    const auto path = write_temp("random.csv", content);
    std::string error;
    auto mse = losscape::testing::take(load_line_fit_csv(path.string()), error);
    if (mse) EXPECT_TRUE(std::isfinite(mse->value(mse->least_squares())));
    else EXPECT_EQ(error.find('\n'), std::string::npos);
    auto field = losscape::testing::take(load_height_field_csv(path.string()), error);
    if (field) EXPECT_TRUE(std::isfinite(field->value({0.1, 0.2})));
    else EXPECT_EQ(error.find('\n'), std::string::npos);
  }
}

TEST(HeightField, InterpolatesNodesExactlyAndApproximatesASmoothFunction) {
  const int n = 64;
  const Domain d{-2.0, 2.0, -1.5, 2.5};
  std::vector<double> z;
  auto truth = [](double x, double y) { return std::sin(x) * std::cos(y); };
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i)
      z.push_back(truth(d.x_min + d.width() * i / (n - 1), d.y_min + d.height() * j / (n - 1)));
  }
  HeightField field(z, n, n, d, "test");
  for (int j = 0; j < n; j += 7) {
    for (int i = 0; i < n; i += 5) {
      const glm::dvec2 node(d.x_min + d.width() * i / (n - 1), d.y_min + d.height() * j / (n - 1));
      EXPECT_NEAR(field.value(node), z[static_cast<std::size_t>(j * n + i)], 1e-14);
    }
  }
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> ux(d.x_min + 0.1, d.x_max - 0.1), uy(d.y_min + 0.1, d.y_max - 0.1);
  for (int k = 0; k < 200; ++k) {
    const glm::dvec2 p(ux(rng), uy(rng));
    EXPECT_NEAR(field.value(p), truth(p.x, p.y), 1e-3);
    EXPECT_NEAR(field.gradient(p).x, std::cos(p.x) * std::cos(p.y), 1e-2);
    EXPECT_NEAR(field.gradient(p).y, -std::sin(p.x) * std::sin(p.y), 1e-2);
  }
}

TEST(HeightField, DerivativesAreTheInterpolantsOwn) {
  std::string error;
  auto field = losscape::testing::take(
      load_height_field_csv((kSourceDir / "assets" / "height_field_example.csv").string()), error);
  ASSERT_NE(field, nullptr) << error;
  EXPECT_EQ(field->domain().x_min, -3.0);
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(-2.9, 2.9);
  const double cell = 6.0 / 31.0;
  for (int k = 0; k < 300; ++k) {
    const glm::dvec2 p(u(rng), u(rng));
    // The Hessian of a Catmull-Rom spline jumps at cell edges: check it away from them.
    const double fx = std::fmod(p.x + 3.0, cell) / cell, fy = std::fmod(p.y + 3.0, cell) / cell;
    const double h = 1e-4;
    auto f = [&](glm::dvec2 q) { return field->value(q); };
    auto gx = [&](glm::dvec2 q) { return field->gradient(q).x; };
    EXPECT_NEAR(field->gradient(p).x, losscape::testing::central_difference(f, p, {1, 0}, h), 1e-7);
    EXPECT_NEAR(field->gradient(p).y, losscape::testing::central_difference(f, p, {0, 1}, h), 1e-7);
    if (fx > 0.05 && fx < 0.95 && fy > 0.05 && fy < 0.95) {
      EXPECT_NEAR(field->hessian(p)[0][0], losscape::testing::central_difference(gx, p, {1, 0}, h), 1e-5);
      EXPECT_NEAR(field->hessian(p)[0][1], losscape::testing::central_difference(gx, p, {0, 1}, h), 1e-5);
    }
  }
  // Outside the domain the surface is flat and finite.
  EXPECT_EQ(field->gradient({10.0, 10.0}), glm::dvec2(0.0));
  EXPECT_TRUE(std::isfinite(field->value({-100.0, 7.0})));
}

// Found by fuzz_height_field (UBSan: "nan is outside the range of representable values of type
// 'int'"): the grid cell of a NaN point, or of any point on a domain too wide for doubles, was a
// NaN cast to int.
TEST(HeightField, ANaNPointOrAnOverwideDomainIsNeverCastToACell) {
  const std::vector<double> z(16, 1.0);
  const HeightField field(z, 4, 4, {-1.0, 1.0, -1.0, 1.0}, "test");
  const double nan = std::nan(""), inf = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(std::isnan(field.value({nan, 0.0})));
  EXPECT_TRUE(std::isnan(field.gradient({0.0, nan}).y));
  EXPECT_TRUE(std::isnan(field.hessian({nan, nan})[0][0]));
  EXPECT_EQ(field.value({-inf, inf}), 1.0) << "beyond the domain the surface is flat";
  // x_max - x_min overflows: (x - x_min) * 0 is NaN at x = infinity, and 0 * finite elsewhere.
  const HeightField wide(z, 4, 4, {-1e308, 1e308, -1.0, 1.0}, "wide");
  EXPECT_EQ(wide.value({0.0, 0.0}), 1.0);
  EXPECT_EQ(wide.value({inf, 0.5}), 1.0);
  EXPECT_EQ(wide.gradient({inf, 0.5}).x, 0.0);
}
