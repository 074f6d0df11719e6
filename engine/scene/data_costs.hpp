#pragma once
// Cost functions backed by data rather than a formula:
//  - LineFitMse: the mean-squared error of a line fit y = w x + b over a data set, as a
//    surface over (w, b): exactly the cost the gradient-descent tutorials minimise.
//  - HeightField: a grid of z values (e.g. a loss-landscape slice exported from a training
//    run) with a smooth bicubic interpolant and its exact derivatives.
// File formats: docs/data-costs.md. Loaders never throw; errors are one line naming the file
// (and line) and the problem.
#include "engine/core/cost_function.hpp"
#include "engine/core/result.hpp"
#include "engine/core/stochastic_cost.hpp"

#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace losscape {

// Its samples are the data points: a minibatch is some of them (batch_size, stochastic_cost.hpp).
class LineFitMse final : public CostFunction, public SampledCost {
 public:
  // points: (x_i, y_i); needs at least 2 points with different x.
  LineFitMse(const std::vector<glm::dvec2>& points, const std::string& source);

  // f(w, b) = mean((w x_i + b - y_i)^2), evaluated in O(1) from centred sums.
  double value(glm::dvec2 wb) const override;
  glm::dvec2 gradient(glm::dvec2 wb) const override;
  glm::dmat2 hessian(glm::dvec2 wb) const override;
  const std::string& name() const override { return name_; }
  const std::string& title() const override { return title_; }
  const std::string& formula() const override { return formula_; }
  Domain domain() const override { return domain_; }
  std::vector<KnownMinimum> known_minima() const override;

  glm::dvec2 least_squares() const { return {w_star_, b_star_}; }

  std::size_t sample_count() const override { return points_.size(); }
  double batch_value(const std::vector<std::size_t>& indices, glm::dvec2 wb) const override;
  glm::dvec2 batch_gradient(const std::vector<std::size_t>& indices, glm::dvec2 wb) const override;

 private:
  std::vector<glm::dvec2> points_;  // kept for minibatches
  std::size_t n_ = 0;
  double mean_x_ = 0, mean_y_ = 0, sxx_ = 0, sxy_ = 0, syy_ = 0;  // centred sums
  double w_star_ = 0, b_star_ = 0;
  Domain domain_;
  std::string name_ = "mse", title_ = "Line fit (MSE)", formula_;
};

Result<std::unique_ptr<LineFitMse>> load_line_fit_csv(const std::string& path);

class HeightField final : public CostFunction {
 public:
  // z[j * nx + i] is the height at x_i (along the domain's width), y_j; at least 4 x 4.
  HeightField(std::vector<double> z, int nx, int ny, const Domain& domain, std::string title);

  double value(glm::dvec2 p) const override;
  glm::dvec2 gradient(glm::dvec2 p) const override;
  glm::dmat2 hessian(glm::dvec2 p) const override;
  const std::string& name() const override { return name_; }
  const std::string& title() const override { return title_; }
  const std::string& formula() const override { return formula_; }
  Domain domain() const override { return domain_; }
  std::vector<KnownMinimum> known_minima() const override { return known_minima_; }

  // For a grid that is a sampled surface in its own right (a loss-landscape slice): the formula
  // line says what it is, and its lowest finite node is marked as the known minimum. A NaN node
  // is not known (not computed): the interpolant is undefined (NaN) wherever it reaches one.
  void describe(std::string formula) { formula_ = std::move(formula); }
  void mark_lowest_node();
  // Caps the interpolant at HEIGHT: above it, f is HEIGHT and its derivatives 0 (a clamped loss
  // surface's plateau, surface_height.hpp).
  void set_ceiling(double height) { ceiling_ = height; }

 private:
  struct Sample {
    double f, fx, fy, fxx, fxy, fyy;
  };
  Sample sample(glm::dvec2 p) const;

  std::vector<double> z_;
  int nx_, ny_;
  Domain domain_;
  std::string name_ = "heightfield", title_, formula_;
  std::vector<KnownMinimum> known_minima_;
  double ceiling_ = std::numeric_limits<double>::infinity();
};

// The most heights a loaded height field may have, from a CSV or a PNG: 128 MB of doubles.
inline constexpr std::size_t kMaxHeightFieldSamples = 16'000'000;

Result<std::unique_ptr<HeightField>> load_height_field_csv(const std::string& path);

}  // namespace losscape
