#include "engine/render/terrain/terrain_samples.hpp"

#include <algorithm>
#include <cmath>

namespace losscape {

// The terrain is evaluated on the CPU into a static mesh, typed formulas included, rather than
// compiled to GLSL: it changes only when the function does, and then a 256x256 grid costs
// about 0.7 ms with the batched evaluator (tests/bench/bench_formula), used here a row at a
// time, against a shader recompile on every edit (tens of ms on llvmpipe) and the same vertex
// work repeated every frame. Exact gradients give the normals either way.
TerrainSamples sample_terrain(const CostFunction& cost, const TerrainMapping& mapping, int size) {
  const int n = std::max(size, 2);
  const Domain d = cost.domain();
  TerrainSamples out;
  HeightGrid& grid = out.grid;
  grid.size = n;
  const auto count = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  out.vertices.reserve(count * kTerrainVertexFloats);
  grid.height.reserve(count);
  grid.defined.reserve(count);
  grid.slope.reserve(count);
  std::vector<double> xs(static_cast<std::size_t>(n)), ys(xs.size()), fs(xs.size()), gxs(xs.size()), gys(xs.size());
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      xs[static_cast<std::size_t>(i)] = d.x_min + d.width() * i / (n - 1);
      ys[static_cast<std::size_t>(i)] = d.y_min + d.height() * j / (n - 1);
    }
    cost.evaluate_batch(xs.data(), ys.data(), xs.size(), fs.data(), gxs.data(), gys.data());
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const glm::dvec2 p(xs[i], ys[i]), g(gxs[i], gys[i]);
      const double f = fs[i];
      const bool defined = std::isfinite(f) && std::isfinite(g.x) && std::isfinite(g.y);
      const glm::vec3 w = defined ? mapping.world(p, f) : mapping.world(p, mapping.transformed_min());
      const glm::vec3 normal = defined ? mapping.world_normal(f, g) : glm::vec3(0, 1, 0);
      const float t = defined ? std::clamp(mapping.normalized_height(f), 0.0f, 1.0f) : -1.0f;
      const float slope = defined ? mapping.normalized_slope(g) : 0.0f;
      out.vertices.insert(out.vertices.end(), {w.x, w.y, w.z, normal.x, normal.y, normal.z, t, slope});
      grid.height.push_back(w.y);
      grid.defined.push_back(defined ? 1 : 0);
      grid.slope.push_back(slope);
    }
  }
  const glm::vec3 first = mapping.world({d.x_min, d.y_min}, 0.0), last = mapping.world({d.x_max, d.y_max}, 0.0);
  grid.origin = {first.x, first.z};
  grid.spacing = glm::vec2(last.x - first.x, last.z - first.z) / static_cast<float>(n - 1);
  return out;
}

TerrainGeometry terrain_geometry(const CostFunction& cost, std::optional<int> resolution,
                                 std::optional<HeightTransform> height, int min_finest) {
  if (resolution) {
    const TerrainLayout layout = uniform_layout(*resolution);
    TerrainMapping mapping(cost, layout.size, height);
    TerrainSamples samples = sample_terrain(cost, mapping, layout.size);
    return {mapping, std::move(samples), layout};
  }
  // The height range comes from the probe whatever the finest size: finer grids find peaks a
  // hair higher, which only clamp the colour at the very top.
  TerrainMapping mapping(cost, kTerrainProbeSize, height);
  TerrainSamples samples = sample_terrain(cost, mapping, kTerrainProbeSize);
  const int size = auto_terrain_size(samples.grid, kFinestLevelError, min_finest);
  if (size != kTerrainProbeSize) samples = sample_terrain(cost, mapping, size);
  return {mapping, std::move(samples), lod_layout(size)};
}

}  // namespace losscape
