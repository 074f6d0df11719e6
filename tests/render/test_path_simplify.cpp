#include "engine/render/path_simplify.hpp"

#include <gtest/gtest.h>
#include <glm/common.hpp>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

using losscape::simplify_path;

TEST(PathSimplify, AStraightRunKeepsOnlyItsEnds) {
  std::vector<glm::vec3> line;
  for (int i = 0; i <= 40; ++i) line.emplace_back(0.01f * static_cast<float>(i), 0.5f, -0.02f * static_cast<float>(i));
  std::vector<std::uint32_t> kept;
  simplify_path(line, 0.001f, kept);
  EXPECT_EQ(kept, (std::vector<std::uint32_t>{0, 40}));
}

TEST(PathSimplify, ACornerIsKeptAndEveryPointLeftOutStaysWithinTolerance) {
  // A quarter circle, then a sharp turn back: the turn must survive, and the kept points must
  // follow the arc to within the tolerance.
  std::vector<glm::vec3> path;
  for (int i = 0; i <= 100; ++i) {
    const float a = 1.5707963f * static_cast<float>(i) / 100.0f;
    path.emplace_back(std::cos(a), 0.0f, std::sin(a));
  }
  path.emplace_back(0.5f, 0.0f, 0.2f);
  const float tolerance = 0.002f;
  std::vector<std::uint32_t> kept;
  simplify_path(path, tolerance, kept);
  ASSERT_GE(kept.size(), 3u);
  EXPECT_LT(kept.size(), path.size() / 4);  // it did simplify
  EXPECT_EQ(kept.front(), 0u);
  EXPECT_EQ(kept.back(), 101u);
  EXPECT_NE(std::find(kept.begin(), kept.end(), 100u), kept.end());  // the corner
  for (std::size_t s = 0; s + 1 < kept.size(); ++s) {
    const glm::vec3 a = path[kept[s]], b = path[kept[s + 1]];
    for (std::uint32_t i = kept[s] + 1; i < kept[s + 1]; ++i) {
      const glm::vec3 ab = b - a, ap = path[i] - a;
      const float t = glm::clamp(glm::dot(ap, ab) / glm::dot(ab, ab), 0.0f, 1.0f);
      EXPECT_LE(glm::length(ap - t * ab), tolerance * 1.0001f) << "point " << i;
    }
  }
}

TEST(PathSimplify, EmptyAndSinglePointPathsAreKeptWhole) {
  std::vector<std::uint32_t> kept{7, 8};
  simplify_path({}, 0.01f, kept);
  EXPECT_TRUE(kept.empty());
  const std::vector<glm::vec3> one{{1.0f, 2.0f, 3.0f}};
  simplify_path(one, 0.01f, kept);
  EXPECT_EQ(kept, (std::vector<std::uint32_t>{0}));
}

using losscape::clip_segment;

// clip_segment against a per-point test, as trail.frag tests each pixel's point against the box:
// the points of the segment it keeps are exactly those inside, on the axes asked about.
TEST(ClipSegment, KeepsExactlyThePointsInsideTheBoxOnTheAxesAsked) {
  const glm::vec3 lo(-1.0f, 0.0f, -1.0f), hi(1.0f, 0.5f, 1.0f);
  const auto inside = [&](glm::vec3 p, glm::bvec3 axes) {
    for (int i = 0; i < 3; ++i) {
      if (axes[i] && (p[i] < lo[i] || p[i] > hi[i])) return false;
    }
    return true;
  };
  const std::vector<std::pair<glm::vec3, glm::vec3>> segments = {
      {{0.0f, 0.2f, 0.0f}, {0.5f, 0.3f, -0.5f}},   // inside
      {{0.0f, 0.2f, 0.0f}, {3.0f, 0.2f, 0.0f}},    // leaves across x
      {{-2.0f, 0.1f, 0.5f}, {2.0f, 0.4f, -0.5f}},  // crosses the box
      {{0.2f, 0.1f, 0.2f}, {0.4f, 7.0f, 0.3f}},    // leaves through the top: a diverging member
      {{2.0f, 0.1f, 0.0f}, {3.0f, 0.1f, 0.5f}},    // beside the box
      {{0.5f, 0.6f, -2.0f}, {0.5f, 0.6f, 2.0f}},   // over the box, parallel to its top
  };
  for (const glm::bvec3 axes : {glm::bvec3(true), glm::bvec3(true, false, true)}) {
    for (const auto& [a, b] : segments) {
      const std::optional<glm::vec2> kept = clip_segment(a, b, lo, hi, axes);
      for (int i = 0; i <= 1000; ++i) {
        const float t = static_cast<float>(i) / 1000.0f;
        const glm::vec3 p = glm::mix(a, b, t);
        // Off the clipped ends by more than rounding, a point is kept exactly when it is inside.
        if (kept && (std::abs(t - kept->x) < 1e-5f || std::abs(t - kept->y) < 1e-5f)) continue;
        EXPECT_EQ(kept && t >= kept->x && t <= kept->y, inside(p, axes))
            << "t " << t << " of (" << a.x << ", " << a.y << ", " << a.z << ") to (" << b.x << ", " << b.y << ", "
            << b.z << "), y clipped " << axes.y;
      }
    }
  }
  // Whole when inside; across only, the segment leaving through the top is whole too.
  EXPECT_EQ(clip_segment(segments[0].first, segments[0].second, lo, hi, glm::bvec3(true)), glm::vec2(0.0f, 1.0f));
  EXPECT_EQ(clip_segment(segments[3].first, segments[3].second, lo, hi, glm::bvec3(true, false, true)),
            glm::vec2(0.0f, 1.0f));
  EXPECT_FALSE(clip_segment({0.0f, NAN, 0.0f}, {0.0f, 0.2f, 0.0f}, lo, hi, glm::bvec3(true)));
}
