#include "engine/render/terrain/terrain_mapping.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace losscape {

TerrainMapping::TerrainMapping(const CostFunction& cost, int resolution, std::optional<HeightTransform> height)
    : domain_(cost.domain()), transform_(height.value_or(cost.height_transform())) {
  half_extent_ = 0.5 * std::max(domain_.width(), domain_.height());
  double f_min = std::numeric_limits<double>::infinity();
  double f_max = -f_min;
  const int n = std::max(resolution, 2);
  std::vector<double> slopes;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      const glm::dvec2 p(domain_.x_min + domain_.width() * i / (n - 1), domain_.y_min + domain_.height() * j / (n - 1));
      const double f = cost.value(p);
      if (!std::isfinite(f)) continue;
      f_min = std::min(f_min, f);
      f_max = std::max(f_max, f);
      // Every fourth sample each way is plenty for a median.
      if (i % 4 == 0 && j % 4 == 0) {
        const double slope = glm::length(cost.gradient(p));
        if (std::isfinite(slope)) slopes.push_back(slope);
      }
    }
  }
  if (!slopes.empty()) {
    std::nth_element(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(slopes.size() / 2), slopes.end());
    typical_slope_ = std::max(slopes[slopes.size() / 2], 1e-12);
    const double steepest = *std::max_element(slopes.begin(), slopes.end()) / typical_slope_;
    steepest_saturated_ = std::max(steepest / (1.0 + steepest), 0.5);
  }
  if (!std::isfinite(f_min)) f_min = 0.0, f_max = 1.0;
  floor_ = f_min;
  f_max_ = f_max > f_min ? f_max : f_min + 1.0;
  t_min_ = transformed(f_min);
  t_max_ = transformed(f_max);
  if (t_max_ - t_min_ < 1e-12) t_max_ = t_min_ + 1.0;  // a flat function still draws
}

double TerrainMapping::transformed(double f) const {
  if (transform_ == HeightTransform::log1p) return std::log1p(std::max(f - floor_, 0.0));
  return f;
}

double TerrainMapping::transformed_slope(double f) const {
  if (transform_ == HeightTransform::log1p) return 1.0 / (1.0 + std::max(f - floor_, 0.0));
  return 1.0;
}

double TerrainMapping::height_fraction(double f) const { return (transformed(f) - t_min_) / (t_max_ - t_min_); }

float TerrainMapping::normalized_height(double f) const { return static_cast<float>(height_fraction(f)); }

float TerrainMapping::normalized_slope(double magnitude) const {
  const double x = magnitude / typical_slope_;
  return static_cast<float>(std::min(x / (1.0 + x) / steepest_saturated_, 1.0));
}

ValueScale TerrainMapping::value_scale(ColourBy by) const {
  if (by == ColourBy::slope) {
    // Full colour where x / (1 + x) reaches the steepest sample's: x = s / (1 - s).
    const double s = std::min(steepest_saturated_, 1.0 - 1e-9);
    return {0.0, typical_slope_ * s / (1.0 - s), false,
            [mapping = *this](double g) { return static_cast<double>(mapping.normalized_slope(g)); }};
  }
  return {floor_, f_max_, transform_ == HeightTransform::linear,
          [mapping = *this](double f) { return mapping.height_fraction(f); }};
}

glm::vec3 TerrainMapping::world(glm::dvec2 p, double f) const {
  const glm::dvec2 c = domain_.center();
  return {static_cast<float>((p.x - c.x) / half_extent_), normalized_height(f) * height_scale_,
          static_cast<float>(-(p.y - c.y) / half_extent_)};
}

glm::vec3 TerrainMapping::world_normal(double f, glm::dvec2 gradient) const {
  // World height Y = s * (T(f) - t_min); X = (x - cx) / h; Z = -(y - cy) / h.
  const double k = height_scale_ / (t_max_ - t_min_) * transformed_slope(f) * half_extent_;
  const double dY_dX = k * gradient.x;
  const double dY_dZ = -k * gradient.y;
  return glm::normalize(glm::vec3(static_cast<float>(-dY_dX), 1.0f, static_cast<float>(-dY_dZ)));
}

glm::dvec2 TerrainMapping::domain_point(glm::vec3 w) const {
  const glm::dvec2 c = domain_.center();
  return {c.x + w.x * half_extent_, c.y - w.z * half_extent_};
}

int append_surface_path(const CostFunction& cost, const TerrainMapping& mapping, glm::dvec2 a, glm::dvec2 b,
                        int max_pieces, std::vector<glm::vec3>& out) {
  const float world_length = static_cast<float>(glm::length(b - a)) * mapping.world_units_per_domain_unit();
  const int pieces = std::clamp(static_cast<int>(world_length / 0.02f), 1, std::max(max_pieces, 1));
  int added = 0;
  for (int k = out.empty() ? 0 : 1; k <= pieces; ++k) {
    const glm::dvec2 p = a + (b - a) * (static_cast<double>(k) / pieces);
    const double f = cost.value(p);
    if (std::isfinite(f)) out.push_back(mapping.world(p, f)), ++added;
  }
  return added;
}

std::optional<glm::dvec2> pick_terrain(const Ray& ray, const TerrainMapping& mapping, const CostFunction& cost) {
  // March along the ray until it passes below the surface, then bisect the crossing.
  auto height_above = [&](float t, glm::dvec2& p) {
    const glm::vec3 w = ray.origin + t * ray.direction;
    p = mapping.domain_point(w);
    // Only the drawn sheet counts: beyond the domain, or where f is undefined, is open air.
    if (!mapping.domain().contains(p)) return 1.0f;
    const double f = cost.value(p);
    if (!std::isfinite(f)) return 1.0f;
    return w.y - mapping.world(p, f).y;
  };
  const float step = 0.004f, max_t = 60.0f;
  glm::dvec2 p;
  float prev_t = 0.0f, prev_h = height_above(0.0f, p);
  for (float t = step; t < max_t; t += step * (1.0f + t)) {
    const float h = height_above(t, p);
    if (prev_h > 0.0f && h <= 0.0f) {
      float lo = prev_t, hi = t;
      for (int i = 0; i < 40; ++i) {
        const float mid = 0.5f * (lo + hi);
        (height_above(mid, p) > 0.0f ? lo : hi) = mid;
      }
      height_above(hi, p);
      if (mapping.domain().contains(p)) return p;
    }
    prev_t = t;
    prev_h = h;
  }
  return std::nullopt;
}

}  // namespace losscape
