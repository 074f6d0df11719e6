#include "engine/render/path_simplify.hpp"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
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
