// The terrain's levels of detail, without GL: stitched patches close every crack, the levels
// follow distance and bending, a fixed resolution is the uniform mesh of old, and the automatic
// resolution follows how much f bends.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/render/terrain/terrain_patches.hpp"
#include "engine/render/terrain/terrain_samples.hpp"
#include "engine/render/terrain/terrain_stitching.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <utility>

using namespace losscape;

namespace {

// The whole terrain's triangles for `draws`: each patch's indices plus its first vertex.
std::vector<std::uint32_t> assemble(const TerrainPatches& patches, const std::vector<TerrainPatches::Draw>& draws) {
  std::vector<std::uint32_t> out;
  for (const TerrainPatches::Draw& d : draws) {
    for (std::uint32_t k = d.first; k < d.first + d.count; ++k) {
      out.push_back(patches.indices()[k] + static_cast<std::uint32_t>(d.base_vertex));
    }
  }
  return out;
}

glm::ivec2 grid_point(std::uint32_t index, int size) {
  return {static_cast<int>(index) % size, static_cast<int>(index) / size};
}

// Twice the signed area of triangle (a, b, c) in grid units: positive when counter-clockwise.
long long twice_area(glm::ivec2 a, glm::ivec2 b, glm::ivec2 c) {
  return static_cast<long long>(b.x - a.x) * (c.y - a.y) - static_cast<long long>(b.y - a.y) * (c.x - a.x);
}

// The mesh `indices` over a size x size grid is one sheet without cracks or overlaps: every
// triangle counter-clockwise, together exactly the square, and every edge either inside, used
// once each way by the two triangles beside it, or on the square's border and used once. A
// vertex in the middle of a neighbour's edge (a T-junction, where cracks open) leaves the
// neighbour's long edge and the two short ones each used one way only.
void expect_watertight(const std::vector<std::uint32_t>& indices, int size) {
  ASSERT_EQ(indices.size() % 3, 0u);
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> directed;
  long long area = 0;
  for (std::size_t t = 0; t < indices.size(); t += 3) {
    const glm::ivec2 a = grid_point(indices[t], size), b = grid_point(indices[t + 1], size),
                     c = grid_point(indices[t + 2], size);
    const long long twice = twice_area(a, b, c);
    ASSERT_GT(twice, 0) << "triangle " << t / 3 << " is clockwise or degenerate";
    area += twice;
    for (int k = 0; k < 3; ++k) ++directed[{indices[t + k], indices[t + (k + 1) % 3]}];
  }
  EXPECT_EQ(area, 2LL * (size - 1) * (size - 1)) << "the triangles cover the square exactly once";
  const auto on_border = [&](std::uint32_t u, std::uint32_t v) {
    const glm::ivec2 p = grid_point(u, size), q = grid_point(v, size);
    return (p.x == q.x && (p.x == 0 || p.x == size - 1)) || (p.y == q.y && (p.y == 0 || p.y == size - 1));
  };
  int unmatched = 0;
  for (const auto& [edge, count] : directed) {
    EXPECT_EQ(count, 1) << "edge used twice the same way";
    const bool reverse = directed.count({edge.second, edge.first}) > 0;
    if (!reverse && !on_border(edge.first, edge.second)) ++unmatched;
  }
  EXPECT_EQ(unmatched, 0) << "inner edges without a partner: cracks";
}

// A height grid of f(x, z) in world units over [-1, 1]^2, size x size.
HeightGrid height_grid(int size, const std::function<float(float, float)>& f) {
  HeightGrid grid;
  grid.size = size;
  grid.origin = {-1.0f, 1.0f};
  grid.spacing = {2.0f / static_cast<float>(size - 1), -2.0f / static_cast<float>(size - 1)};
  for (int j = 0; j < size; ++j) {
    for (int i = 0; i < size; ++i) {
      const glm::vec2 p = grid.origin + glm::vec2(i, j) * grid.spacing;
      grid.height.push_back(f(p.x, p.y));
      grid.slope.push_back(0.0f);
      grid.defined.push_back(1);
    }
  }
  return grid;
}

int level_of_patch_at(const TerrainPatches& patches, glm::vec2 world_xz) {
  const TerrainLayout& layout = patches.layout();
  for (int p = 0; p < layout.patch_count(); ++p) {
    const PatchError& e = patches.errors()[static_cast<std::size_t>(p)];
    const bool inside_x = world_xz.x >= e.box_min.x && world_xz.x <= e.box_max.x;
    if (inside_x && world_xz.y >= e.box_min.z && world_xz.y <= e.box_max.z)
      return patches.levels()[static_cast<std::size_t>(p)];
  }
  return -1;
}

}  // namespace

TEST(TerrainStitching, EveryLevelAndSetOfCoarserEdgesIsOneWatertightPatch) {
  for (int cells : {8, 16, 64}) {
    int levels = 0;
    while ((cells >> levels) > 0) ++levels;
    for (int level = 0; level + 1 < levels; ++level) {
      for (unsigned edges = 0; edges < kEdgeSets; ++edges) {
        SCOPED_TRACE("cells " + std::to_string(cells) + ", level " + std::to_string(level) + ", edges " +
                     std::to_string(edges));
        const std::vector<std::uint32_t> indices = patch_indices(cells, level, edges, cells + 1);
        expect_watertight(indices, cells + 1);
        // A coarser edge has only the coarser level's vertices; the rest, this level's.
        const int step = 1 << level;
        for (std::uint32_t index : indices) {
          const glm::ivec2 p = grid_point(index, cells + 1);
          EXPECT_EQ(p.x % step, 0);
          EXPECT_EQ(p.y % step, 0);
          const bool on_coarser = ((edges & kSouthEdge) && p.y == 0) || ((edges & kNorthEdge) && p.y == cells) ||
                                  ((edges & kWestEdge) && p.x == 0) || ((edges & kEastEdge) && p.x == cells);
          if (on_coarser) {
            EXPECT_EQ((p.x % (2 * step)) + (p.y % (2 * step)), 0) << p.x << ", " << p.y;
          }
        }
      }
    }
  }
}

TEST(TerrainStitching, WithoutCoarserEdgesAPatchIsTheUniformGrid) {
  // Cell (i, j) as two triangles split along its (i, j)-(i + 1, j + 1) diagonal, row by row.
  const std::vector<std::uint32_t> indices = patch_indices(4, 1, 0, 5);
  const std::vector<std::uint32_t> expected = {0,  2,  12, 0,  12, 10, 2,  4,  14, 2,  14, 12,
                                               10, 12, 22, 10, 22, 20, 12, 14, 24, 12, 24, 22};
  EXPECT_EQ(indices, expected);
}

TEST(TerrainPatches, AnyLevelsNeighboursAllowMakeOneTerrainWithoutCracks) {
  const TerrainLayout layout = lod_layout(129);  // 16 x 16 patches of 8 cells, levels 0 to 3
  ASSERT_EQ(layout.patches, 16);
  ASSERT_EQ(layout.levels, 4);
  TerrainPatches patches(height_grid(129, [](float, float) { return 0.0f; }), layout);
  std::mt19937 random(7);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<int> levels(static_cast<std::size_t>(layout.patch_count()));
    for (int& level : levels) level = static_cast<int>(random() % 4);
    limit_level_differences(layout, levels);
    const auto level = [&](int px, int py) { return levels[static_cast<std::size_t>(py * layout.patches + px)]; };
    for (int a = 0; a < layout.patches; ++a) {
      for (int b = 0; b + 1 < layout.patches; ++b) {
        EXPECT_LE(std::abs(level(b, a) - level(b + 1, a)), 1);
        EXPECT_LE(std::abs(level(a, b) - level(a, b + 1)), 1);
      }
    }
    SCOPED_TRACE("trial " + std::to_string(trial));
    expect_watertight(assemble(patches, patches.draws(levels)), layout.size);
  }
}

TEST(TerrainPatches, AFixedResolutionIsTheUniformMeshWhateverTheView) {
  const TerrainLayout layout = uniform_layout(256);
  EXPECT_EQ(layout, (TerrainLayout{256, 1, 255, 1}));
  TerrainPatches patches(height_grid(256, [](float x, float z) { return x * x + std::sin(9.0f * z); }), layout);
  std::vector<std::uint32_t> uniform;
  for (std::uint32_t j = 0; j + 1 < 256; ++j) {
    for (std::uint32_t i = 0; i + 1 < 256; ++i) {
      const std::uint32_t a = j * 256 + i, b = a + 1, c = a + 256, e = c + 1;
      uniform.insert(uniform.end(), {a, b, e, a, e, c});
    }
  }
  for (float distance : {0.5f, 5.0f, 50.0f}) {
    OrbitCamera camera;
    camera.distance = distance;
    EXPECT_EQ(assemble(patches, patches.draws(lod_view(camera, 1080, false))), uniform) << "distance " << distance;
  }
}

TEST(TerrainLevels, FlatFarPatchesAreCoarserThanCurvedNearOnes) {
  // Ripples on the half x < 0, a plane on the other (meeting it without a step); the eye low
  // over the rippled half's edge.
  const TerrainLayout layout = lod_layout(257);
  const auto ripples = [](float x, float z) {
    return x < 0.0f ? 0.004f * std::sin(20.0f * x) * std::cos(20.0f * z) : 0.0f;
  };
  TerrainPatches patches(height_grid(257, ripples), layout);
  OrbitCamera camera;
  camera.target = {-0.8f, 0.0f, 0.0f};
  camera.yaw_degrees = -90.0f;  // looking along +x from beyond x = -1
  camera.pitch_degrees = 20.0f;
  camera.distance = 0.3f;
  patches.draws(lod_view(camera, 1080, false));
  const int near_curved = level_of_patch_at(patches, {-0.95f, 0.0f});
  const int far_curved = level_of_patch_at(patches, {-0.1f, 0.0f});
  const int near_flat = level_of_patch_at(patches, {0.1f, 0.0f});
  const int far_flat = level_of_patch_at(patches, {0.95f, 0.9f});
  EXPECT_EQ(near_curved, 0) << "bending ground by the eye: the finest level";
  EXPECT_GT(far_curved, near_curved) << "the same ripples farther off: coarser";
  EXPECT_EQ(far_flat, layout.levels - 1) << "a plane needs one quad a patch";
  EXPECT_EQ(near_flat, far_curved + 1) << "beside the ripples, as coarse as stitching to them allows";
  // Farther, every patch is at least as coarse; a larger picture, at most as coarse.
  const std::vector<int> near_levels = patches.levels();
  const std::size_t near_triangles = patches.triangles();
  camera.distance = 4.0f;
  patches.draws(lod_view(camera, 1080, false));
  for (std::size_t p = 0; p < near_levels.size(); ++p) EXPECT_GE(patches.levels()[p], near_levels[p]);
  EXPECT_LT(patches.triangles(), near_triangles);
  const std::vector<int> far_levels = patches.levels();
  patches.draws(lod_view(camera, 2160, false));
  for (std::size_t p = 0; p < far_levels.size(); ++p) EXPECT_LE(patches.levels()[p], far_levels[p]);
}

TEST(TerrainLevels, AnOrthographicViewScalesErrorsByItsZoomNotByDistance) {
  // A bowl bends the same everywhere: every patch has the same errors. An orthographic camera
  // sees each at the same scale, so all get the same level, however far back its eye stands;
  // a perspective camera as low and close gives the near patches finer levels than the far.
  const TerrainLayout layout = lod_layout(257);
  TerrainPatches patches(height_grid(257, [](float x, float z) { return 0.2f * (x * x + z * z); }), layout);
  const auto distinct_levels = [&](const OrbitCamera& camera, int height) {
    patches.draws(lod_view(camera, height, false));
    return std::set<int>(patches.levels().begin(), patches.levels().end());
  };
  OrbitCamera camera;
  camera.pitch_degrees = 30.0f;
  camera.distance = 1.5f;
  EXPECT_GT(distinct_levels(camera, 1080).size(), 1u) << "perspective: finer near the eye";
  camera.orthographic = true;
  EXPECT_EQ(distinct_levels(camera, 1080).size(), 1u) << "orthographic: one scale everywhere";
  const int tilted = patches.levels()[0];
  camera.distance = 6.0f;  // zoomed out: a world unit covers a quarter of the pixels
  distinct_levels(camera, 1080);
  EXPECT_GT(patches.levels()[0], tilted);
  // Straight down, a surface raised or lowered moves nothing on screen: only the cap on the
  // error in world units (LodView::max_world) limits the level.
  camera.distance = 1.5f;
  camera.pitch_degrees = OrbitCamera::kMaxPitchDegrees;
  distinct_levels(camera, 1080);
  const LodView view = lod_view(camera, 1080, false);
  const PatchError& patch = patches.errors()[0];
  const auto level = static_cast<std::size_t>(patches.levels()[0]);
  EXPECT_GT(level, static_cast<std::size_t>(tilted));
  EXPECT_LE(patch.error[level], view.max_world);
  if (level + 1 < patch.error.size()) {
    EXPECT_GT(patch.error[level + 1], view.max_world);
  }
}

TEST(TerrainLevels, ErrorsAreVerticalDistancesThatGrowWithTheLevel) {
  // A parabola y = x^2: a chord of width w misses it by w^2 / 4 in its middle.
  const HeightGrid grid = height_grid(129, [](float x, float) { return x * x; });
  const float cell = 2.0f / 128.0f;
  for (int level = 1; level <= 3; ++level) {
    const float width = cell * static_cast<float>(1 << level);
    EXPECT_NEAR(level_error(grid, level, 0, 0, 128).vertical, width * width / 4.0f, 1e-5f) << "level " << level;
  }
  const std::vector<PatchError> errors = patch_errors(grid, lod_layout(129));
  for (const PatchError& e : errors) {
    EXPECT_EQ(e.error[0], 0.0f);
    for (std::size_t level = 1; level < e.error.size(); ++level) EXPECT_GE(e.error[level], e.error[level - 1]);
  }
}

TEST(TerrainLevels, PatchesWhereAHoleEndsStayFinest) {
  // f undefined for x < 0: the hole's edge runs through the patches along x = 0 (and only
  // there, as 16 patches a side put a patch boundary at x = 0 itself: the cut is a column off).
  HeightGrid grid = height_grid(129, [](float x, float) { return x; });
  for (std::size_t k = 0; k < grid.defined.size(); ++k) {
    grid.defined[k] = grid.origin.x + static_cast<float>(k % 129) * grid.spacing.x > 0.01f;
  }
  const TerrainLayout layout = lod_layout(129);
  TerrainPatches patches(grid, layout);
  OrbitCamera camera;
  camera.distance = 30.0f;  // far: everything else as coarse as it goes
  patches.draws(lod_view(camera, 1080, false));
  EXPECT_EQ(level_of_patch_at(patches, {0.05f, 0.0f}), 0) << "the hole's edge: finest";
  EXPECT_EQ(level_of_patch_at(patches, {-0.5f, 0.0f}), layout.levels - 1) << "all hole";
  EXPECT_EQ(level_of_patch_at(patches, {0.6f, 0.0f}), layout.levels - 1) << "a plane";
}

TEST(TerrainResolution, TheFinestGridFollowsHowMuchTheFunctionBends) {
  const auto finest = [](const CostFunction& cost) {
    return terrain_geometry(cost, std::nullopt, std::nullopt).layout;
  };
  const TerrainLayout bowl = finest(*make_builtin_function("bowl"));
  const TerrainLayout himmelblau = finest(*make_builtin_function("himmelblau"));
  const TerrainLayout rastrigin = finest(*make_builtin_function("rastrigin"));
  // The same waves, 8 across the terrain or 40.
  formula::CompileError error;
  const auto few = FormulaFunction::create("cos(2*pi*x) * cos(2*pi*y)", Domain{-2, 2, -2, 2}, error);
  const auto many = FormulaFunction::create("cos(2*pi*x) * cos(2*pi*y)", Domain{-10, 10, -10, 10}, error);
  ASSERT_TRUE(few && many);
  const TerrainLayout few_waves = finest(*few), many_waves = finest(*many);
  EXPECT_EQ(bowl.size, 129);
  EXPECT_LE(himmelblau.size, 257);
  EXPECT_GT(rastrigin.size, himmelblau.size);
  EXPECT_LT(few_waves.size, many_waves.size);
  EXPECT_EQ(many_waves.size, 1025) << "the cap";
  for (const TerrainLayout& layout : {bowl, himmelblau, rastrigin, few_waves, many_waves}) {
    EXPECT_EQ(layout.patches, 16);
    EXPECT_EQ(layout.patch_cells * 16 + 1, layout.size);
    EXPECT_EQ(layout.patch_cells >> (layout.levels - 1), 1) << "down to one quad a patch";
  }
  // A scene may ask for a finer finest grid than f does (rounded up to a size of the layout),
  // never a coarser one.
  EXPECT_EQ(terrain_geometry(*make_builtin_function("bowl"), std::nullopt, std::nullopt, 200).layout.size, 257);
  EXPECT_EQ(terrain_geometry(*make_builtin_function("rastrigin"), std::nullopt, std::nullopt, 129).layout, rastrigin);
  // A fixed resolution is what it says, through the same mapping as the uniform mesh always had.
  const TerrainGeometry fixed = terrain_geometry(*make_builtin_function("himmelblau"), 300, std::nullopt);
  EXPECT_EQ(fixed.layout, uniform_layout(300));
  EXPECT_EQ(fixed.samples.vertices.size(), 300u * 300u * kTerrainVertexFloats);
}
