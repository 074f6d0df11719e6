#pragma once
// f evaluated over the terrain's grid: the vertices the terrain mesh is drawn with, and the
// heights its levels of detail are measured against. No GL: uploading is terrain_mesh's job.
#include "engine/render/terrain/terrain_error.hpp"
#include "engine/render/terrain/terrain_layout.hpp"
#include "engine/render/terrain/terrain_mapping.hpp"

#include <optional>
#include <vector>

namespace losscape {

// Floats per vertex: position, normal (from the exact gradient), normalised height (negative
// where f is undefined: the fragment shader cuts a hole there), normalised slope.
constexpr int kTerrainVertexFloats = 8;

struct TerrainSamples {
  std::vector<float> vertices;  // kTerrainVertexFloats each, row-major as the grid
  HeightGrid grid;
};

// A size x size grid over the domain, through `mapping` (which must be built for `cost`).
TerrainSamples sample_terrain(const CostFunction& cost, const TerrainMapping& mapping, int size);

// How closely the automatic resolution's finest level follows f, in world units: a 4000th of
// the terrain's width, a pixel when the terrain fills a 4K picture's width.
constexpr float kFinestLevelError = 0.0005f;

struct TerrainGeometry {
  TerrainMapping mapping;
  TerrainSamples samples;
  TerrainLayout layout;
};

// The terrain of `cost` drawn with height transform `height` (none: the function's own).
// `resolution`: a uniform mesh of that many vertices a side (2 to 2048), exactly as drawn before
// levels of detail; none: automatic, a finest grid as fine as f's bending asks for
// (auto_terrain_size), and at least `min_finest` a side, cut into patches whose level each view
// chooses.
TerrainGeometry terrain_geometry(const CostFunction& cost, std::optional<int> resolution,
                                 std::optional<HeightTransform> height, int min_finest = 0);

}  // namespace losscape
