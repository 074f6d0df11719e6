#include "engine/scene/data_costs.hpp"

#include "engine/core/one_line.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace losscape {
namespace {

// Splits a CSV line on commas (or whitespace); false when a field is not a finite number.
bool parse_numbers(const std::string& line, std::vector<double>& out, std::string& bad) {
  out.clear();
  std::string field;
  std::stringstream stream(line);
  while (std::getline(stream, field, ',')) {
    std::stringstream words(field);
    std::string word;
    while (words >> word) {
      try {
        std::size_t used = 0;
        const double v = std::stod(word, &used);
        if (used != word.size() || !std::isfinite(v)) throw std::invalid_argument(word);
        out.push_back(v);
      } catch (const std::exception&) {
        bad = word.size() > 20 ? word.substr(0, 20) + "..." : word;
        return false;
      }
    }
  }
  return true;
}

bool blank(const std::string& line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

}  // namespace

// --- LineFitMse ----------------------------------------------------------------------------------

LineFitMse::LineFitMse(const std::vector<glm::dvec2>& points, const std::string& source)
    : points_(points), n_(points.size()) {
  for (const auto& p : points) mean_x_ += p.x, mean_y_ += p.y;
  mean_x_ /= static_cast<double>(n_);
  mean_y_ /= static_cast<double>(n_);
  // Centred sums keep full precision even when the data sit far from zero.
  for (const auto& p : points) {
    const double dx = p.x - mean_x_, dy = p.y - mean_y_;
    sxx_ += dx * dx;
    sxy_ += dx * dy;
    syy_ += dy * dy;
  }
  w_star_ = sxy_ / sxx_;
  b_star_ = mean_y_ - w_star_ * mean_x_;
  // The domain: centred on the fit, wide enough to show the bowl, its sides in the ratio of the
  // curvatures so the contours look like the bowl they are.
  const double hww = 2.0 * sxx_ / static_cast<double>(n_) + 2.0 * mean_x_ * mean_x_;
  const double half_w = std::max(1.5, 1.5 * std::abs(w_star_));
  const double half_b = std::clamp(half_w * std::sqrt(hww / 2.0), 1.5, 50.0 * half_w);
  domain_ = {w_star_ - half_w, w_star_ + half_w, b_star_ - half_b, b_star_ + half_b};
  formula_ = "mean((w*x + b - y)^2) over " + std::to_string(n_) + " points of " + source + "; here x is w, y is b";
}

double LineFitMse::value(glm::dvec2 wb) const {
  // mean(r^2) with r_i = w (x_i - mx) - (y_i - my) + c, c = w mx + b - my; the cross terms vanish.
  const double c = wb.x * mean_x_ + wb.y - mean_y_;
  const double n = static_cast<double>(n_);
  return (wb.x * wb.x * sxx_ - 2.0 * wb.x * sxy_ + syy_) / n + c * c;
}

glm::dvec2 LineFitMse::gradient(glm::dvec2 wb) const {
  const double c = wb.x * mean_x_ + wb.y - mean_y_;
  const double n = static_cast<double>(n_);
  return {2.0 * (wb.x * sxx_ - sxy_) / n + 2.0 * c * mean_x_, 2.0 * c};
}

glm::dmat2 LineFitMse::hessian(glm::dvec2) const {
  const double n = static_cast<double>(n_);
  const double hww = 2.0 * sxx_ / n + 2.0 * mean_x_ * mean_x_, hwb = 2.0 * mean_x_;
  return glm::dmat2(hww, hwb, hwb, 2.0);
}

// A minibatch's mean of r_i^2, r_i = w x_i + b - y_i, summed directly: a few samples, no
// precision to lose to cancellation.
double LineFitMse::batch_value(const std::vector<std::size_t>& indices, glm::dvec2 wb) const {
  double sum = 0.0;
  for (const std::size_t i : indices) {
    const double r = wb.x * points_[i].x + wb.y - points_[i].y;
    sum += r * r;
  }
  return sum / static_cast<double>(indices.size());
}

glm::dvec2 LineFitMse::batch_gradient(const std::vector<std::size_t>& indices, glm::dvec2 wb) const {
  glm::dvec2 sum{0.0};
  for (const std::size_t i : indices) {
    const double r = wb.x * points_[i].x + wb.y - points_[i].y;
    sum += 2.0 * r * glm::dvec2(points_[i].x, 1.0);
  }
  return sum / static_cast<double>(indices.size());
}

std::vector<KnownMinimum> LineFitMse::known_minima() const {
  return {{{w_star_, b_star_}, value({w_star_, b_star_}), true}};
}

Result<std::unique_ptr<LineFitMse>> load_line_fit_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Error{"cannot open " + path + ": " + std::strerror(errno)};
  }
  std::vector<glm::dvec2> points;
  std::string line, bad;
  std::vector<double> numbers;
  int number = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (blank(line) || line[0] == '#') continue;
    if (!parse_numbers(line, numbers, bad)) {
      if (!header_seen && points.empty()) {  // the first non-blank line may name the columns
        header_seen = true;
        continue;
      }
      return Error{path + ":" + std::to_string(number) + ": expected two numbers, got '" + one_line(bad) + "'"};
    }
    if (numbers.size() < 2) {
      return Error{path + ":" + std::to_string(number) + ": expected two numbers (x, y), got " +
                   std::to_string(numbers.size())};
    }
    points.emplace_back(numbers[0], numbers[1]);  // further columns are ignored
    if (points.size() > 10'000'000) {
      return Error{path + ": more than 10 million points"};
    }
  }
  const bool spread =
      std::any_of(points.begin(), points.end(), [&](const glm::dvec2& p) { return p.x != points.front().x; });
  if (points.size() < 2 || !spread) {
    return Error{path + ": needs at least 2 points with different x"};
  }
  return std::make_unique<LineFitMse>(points, std::filesystem::path(path).filename().string());
}

// --- HeightField -----------------------------------------------------------------------------------

HeightField::HeightField(std::vector<double> z, int nx, int ny, const Domain& domain, std::string title)
    : z_(std::move(z)), nx_(nx), ny_(ny), domain_(domain), title_(std::move(title)) {
  formula_ = "bicubic (Catmull-Rom) interpolation of a " + std::to_string(nx) + " x " + std::to_string(ny) + " grid";
}

namespace {

// Catmull-Rom weights of the four nodes around t in [0, 1], and their first two derivatives.
struct Weights {
  double w[4], d1[4], d2[4];
};
Weights catmull_rom(double t) {
  const double t2 = t * t, t3 = t2 * t;
  return {{0.5 * (-t + 2 * t2 - t3), 0.5 * (2 - 5 * t2 + 3 * t3), 0.5 * (t + 4 * t2 - 3 * t3), 0.5 * (-t2 + t3)},
          {0.5 * (-1 + 4 * t - 3 * t2), 0.5 * (-10 * t + 9 * t2), 0.5 * (1 + 8 * t - 9 * t2), 0.5 * (-2 * t + 3 * t2)},
          {0.5 * (4 - 6 * t), 0.5 * (-10 + 18 * t), 0.5 * (8 - 18 * t), 0.5 * (-2 + 6 * t)}};
}

// Cell index and fraction for grid coordinate u in [0, n - 1]; clamped outside. A NaN u (a domain
// too wide or too narrow for doubles makes one from a finite point) takes the first cell: casting
// NaN to int is undefined behaviour.
void locate(double u, int n, int& cell, double& t, bool& inside) {
  inside = u >= 0.0 && u <= n - 1;
  u = std::isnan(u) ? 0.0 : std::clamp(u, 0.0, static_cast<double>(n - 1));
  cell = std::min(static_cast<int>(u), n - 2);
  t = u - cell;
}

}  // namespace

HeightField::Sample HeightField::sample(glm::dvec2 p) const {
  // Not a point (an optimizer's look-ahead that overflowed, say): f and its derivatives are not
  // defined there, which the step rules read as such.
  if (std::isnan(p.x) || std::isnan(p.y)) {
    const double nan = std::nan("");
    return {nan, nan, nan, nan, nan, nan};
  }
  const double sx = (nx_ - 1) / domain_.width(), sy = (ny_ - 1) / domain_.height();
  int i = 0, j = 0;
  double tx = 0, ty = 0;
  bool inside_x = true, inside_y = true;
  locate((p.x - domain_.x_min) * sx, nx_, i, tx, inside_x);
  locate((p.y - domain_.y_min) * sy, ny_, j, ty, inside_y);
  const Weights wx = catmull_rom(tx), wy = catmull_rom(ty);
  auto node = [&](int a, int b) {  // the grid, clamped at its edges
    return z_[static_cast<std::size_t>(std::clamp(j + b, 0, ny_ - 1)) * static_cast<std::size_t>(nx_) +
              static_cast<std::size_t>(std::clamp(i + a, 0, nx_ - 1))];
  };
  Sample s{0, 0, 0, 0, 0, 0};
  for (int b = 0; b < 4; ++b) {
    for (int a = 0; a < 4; ++a) {
      const double zab = node(a - 1, b - 1);
      s.f += wx.w[a] * wy.w[b] * zab;
      s.fx += wx.d1[a] * wy.w[b] * zab;
      s.fy += wx.w[a] * wy.d1[b] * zab;
      s.fxx += wx.d2[a] * wy.w[b] * zab;
      s.fxy += wx.d1[a] * wy.d1[b] * zab;
      s.fyy += wx.w[a] * wy.d2[b] * zab;
    }
  }
  // From grid units to domain units; beyond the domain the surface is flat (clamped).
  s.fx *= inside_x ? sx : 0.0;
  s.fxx *= inside_x ? sx * sx : 0.0;
  s.fy *= inside_y ? sy : 0.0;
  s.fyy *= inside_y ? sy * sy : 0.0;
  s.fxy *= (inside_x && inside_y) ? sx * sy : 0.0;
  if (s.f > ceiling_) return {ceiling_, 0, 0, 0, 0, 0};  // NaN (a hole) is not above it: stays NaN
  return s;
}

void HeightField::mark_lowest_node() {
  std::size_t lowest = z_.size();
  for (std::size_t k = 0; k < z_.size(); ++k) {
    if (std::isfinite(z_[k]) && (lowest == z_.size() || z_[k] < z_[lowest])) lowest = k;
  }
  known_minima_.clear();
  if (lowest == z_.size()) return;
  const auto n = static_cast<std::size_t>(nx_);
  const glm::dvec2 at(domain_.x_min + domain_.width() * static_cast<double>(lowest % n) / (nx_ - 1),
                      domain_.y_min + domain_.height() * static_cast<double>(lowest / n) / (ny_ - 1));
  known_minima_.push_back({at, z_[lowest], true});
}

double HeightField::value(glm::dvec2 p) const { return sample(p).f; }
glm::dvec2 HeightField::gradient(glm::dvec2 p) const {
  const Sample s = sample(p);
  return {s.fx, s.fy};
}
glm::dmat2 HeightField::hessian(glm::dvec2 p) const {
  const Sample s = sample(p);
  return glm::dmat2(s.fxx, s.fxy, s.fxy, s.fyy);
}

Result<std::unique_ptr<HeightField>> load_height_field_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Error{"cannot open " + path + ": " + std::strerror(errno)};
  }
  Domain domain{-1.0, 1.0, -1.0, 1.0};
  std::vector<double> z, row;
  std::string line, bad;
  int number = 0, nx = 0, ny = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (blank(line)) continue;
    if (line[0] == '#') {
      std::stringstream words(line.substr(1));
      std::string keyword;
      if (words >> keyword && keyword == "domain") {
        if (!(words >> domain.x_min >> domain.x_max >> domain.y_min >> domain.y_max) ||
            !(domain.x_min < domain.x_max && domain.y_min < domain.y_max)) {
          return Error{path + ":" + std::to_string(number) +
                       ": expected '# domain XMIN XMAX YMIN YMAX' with XMIN < XMAX, YMIN < YMAX"};
        }
      }
      continue;
    }
    if (!parse_numbers(line, row, bad)) {
      return Error{path + ":" + std::to_string(number) + ": expected numbers, got '" + one_line(bad) + "'"};
    }
    if (ny == 0) nx = static_cast<int>(row.size());
    if (static_cast<int>(row.size()) != nx) {
      return Error{path + ":" + std::to_string(number) + ": row has " + std::to_string(row.size()) +
                   " values, the first row had " + std::to_string(nx)};
    }
    z.insert(z.end(), row.begin(), row.end());
    ++ny;
    if (z.size() > kMaxHeightFieldSamples) {
      return Error{path + ": more than 16 million values"};
    }
  }
  if (nx < 4 || ny < 4) {
    return Error{path + ": needs a grid of at least 4 x 4 values, got " + std::to_string(nx) + " x " +
                 std::to_string(ny)};
  }
  return std::make_unique<HeightField>(std::move(z), nx, ny, domain, std::filesystem::path(path).filename().string());
}

}  // namespace losscape
