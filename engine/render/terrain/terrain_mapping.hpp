#pragma once
// How (x, y, f) becomes a point in the world: the domain is scaled so its longer side spans
// [-1, 1] (x to the right, y away from the viewer), and the transformed height
// T(f) is scaled to [0, height_scale]. World is y-up.
#include "engine/core/cost_function.hpp"
#include "engine/render/camera.hpp"
#include "engine/render/value_ticks.hpp"
#include "engine/scene/scene.hpp"

#include <glm/glm.hpp>

#include <optional>
#include <vector>

namespace losscape {

class TerrainMapping {
 public:
  TerrainMapping() = default;
  // Samples T(f) over a resolution x resolution grid of the domain to fix the height range.
  // T is `height` where given (a view's override), else the function's own height_transform().
  TerrainMapping(const CostFunction& cost, int resolution, std::optional<HeightTransform> height = std::nullopt);

  double transformed(double f) const;        // T(f)
  double transformed_slope(double f) const;  // dT/df
  float normalized_height(double f) const;   // (T(f) - min) / (max - min), for colour
  // |grad f| in [0, 1] for colour: x / (1 + x) with x = |grad f| / typical_slope(), so that
  // one cliff does not squeeze everything else into the dark end, stretched so the steepest
  // sampled point is 1 (a gentle function's steepest ground still reads as steep).
  float normalized_slope(glm::dvec2 gradient) const { return normalized_slope(glm::length(gradient)); }
  float normalized_slope(double magnitude) const;
  // What the colour map's input means, from 0 to 1: f through the height transform (as the
  // height: the f axis up the box uses it too), or |grad f|. The colour bar's ticks come from it.
  ValueScale value_scale(ColourBy by) const;
  glm::vec3 world(glm::dvec2 p, double f) const;                // a point on the terrain
  glm::vec3 world_normal(double f, glm::dvec2 gradient) const;  // from the exact gradient
  glm::dvec2 domain_point(glm::vec3 world_point) const;         // inverse of world() in x, y
  float world_units_per_domain_unit() const { return static_cast<float>(1.0 / half_extent_); }
  double half_extent() const { return half_extent_; }  // domain units per world unit
  const Domain& domain() const { return domain_; }
  HeightTransform transform() const { return transform_; }
  double transformed_min() const { return t_min_; }
  double sampled_f_min() const { return floor_; }  // the lowest f on the sampling grid
  double sampled_f_max() const { return f_max_; }
  double transformed_max() const { return t_max_; }
  float height_scale() const { return height_scale_; }
  // The median |grad f| over the domain: what counts as steep on this function (arrow scale).
  double typical_slope() const { return typical_slope_; }

 private:
  double height_fraction(double f) const;  // normalized_height in double precision

  Domain domain_;
  HeightTransform transform_ = HeightTransform::linear;
  double floor_ = 0.0;  // f at the lowest sample: log1p is taken of f - floor
  double f_max_ = 1.0;
  double t_min_ = 0.0, t_max_ = 1.0;
  double half_extent_ = 1.0;
  float height_scale_ = 0.7f;
  double typical_slope_ = 1.0;
  double steepest_saturated_ = 1.0;  // x / (1 + x) at the steepest sample
};

// Points on the surface from a to b (domain units), appended to `out`: the segment is cut into
// pieces about 0.02 world units long (at most max_pieces) so it follows hills instead of cutting
// through them; `a` itself is added only when `out` is empty; undefined ground is skipped.
// Returns how many points were added.
int append_surface_path(const CostFunction& cost, const TerrainMapping& mapping, glm::dvec2 a, glm::dvec2 b,
                        int max_pieces, std::vector<glm::vec3>& out);

// The point of the terrain (inside the domain) that `ray` hits first, if any.
std::optional<glm::dvec2> pick_terrain(const Ray& ray, const TerrainMapping& mapping, const CostFunction& cost);

}  // namespace losscape
