#include "engine/render/sprite_cells.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace losscape {
namespace {

TEST(SpriteCells, ACellTakesOneSpriteOfEachKindAFrame) {
  SpriteCells cells;
  const glm::vec3 p(0.1031f, 0.2047f, -0.3023f);  // inside a cell, not on its edge
  EXPECT_TRUE(cells.first_in_cell(p, 0.01f, 16.0f, 7));
  EXPECT_FALSE(cells.first_in_cell(p + glm::vec3(1e-5f), 0.01f, 16.0f, 7));  // the same cell
  EXPECT_TRUE(cells.first_in_cell(p, 0.01f, 16.0f, 8));                      // another colour
  EXPECT_TRUE(cells.first_in_cell(p + glm::vec3(0.01f, 0.0f, 0.0f), 0.01f, 16.0f, 7));
  cells.clear();
  EXPECT_TRUE(cells.first_in_cell(p, 0.01f, 16.0f, 7));  // a new frame
}

TEST(SpriteCells, AMillionCellsEveryFrameAndTheKeysAtTheEdges) {
  SpriteCells cells;
  for (int frame = 0; frame < 3; ++frame) {
    for (int i = 0; i < 1000; ++i) {
      for (int j = 0; j < 1000; ++j) {
        const glm::vec3 p(static_cast<float>(i) + 0.5f, 0.5f, static_cast<float>(j) + 0.5f);
        ASSERT_TRUE(cells.first_in_cell(p, 1.0f, 1.0f)) << frame << " " << i << " " << j;
        ASSERT_FALSE(cells.first_in_cell(p, 1.0f, 1.0f)) << frame << " " << i << " " << j;
      }
    }
    cells.clear();
  }
  // All 64 bits of a key in use (cell -1 on every axis, a white ball's colour); NaN (taken as
  // -infinity, clamped) and infinity.
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  for (const glm::vec3 p : {glm::vec3(-0.5f), glm::vec3(nan), glm::vec3(inf)}) {
    EXPECT_TRUE(cells.first_in_cell(p, 1.0f, 1.0f, 0xffff));
    EXPECT_FALSE(cells.first_in_cell(p, 1.0f, 1.0f, 0xffff));
  }
}

// SceneRenderer places a big swarm's members a batch at a time: their keys, a prefetch of each
// one's slot, then first(key) in order. The same answers as first_in_cell one by one, through the
// table's growing (a prefetch before a grow fetches a slot of the old table: a hint, no more).
TEST(SpriteCells, KeysPrefetchedAndTakenInOrderAnswerAsOneByOne) {
  SpriteCells batched, one_by_one;
  std::uint64_t state = 1;
  const auto next = [&] {  // 512 cells: many members share one, and the table grows
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<float>(state >> 61) * 0.01f;
  };
  for (int frame = 0; frame < 2; ++frame) {
    std::vector<glm::vec3> points(5000);
    for (glm::vec3& p : points) p = {next(), next(), next()};
    std::vector<std::uint64_t> keys;
    for (std::size_t first = 0; first < points.size(); first += 32) {
      keys.clear();
      for (std::size_t i = first; i < std::min(first + 32, points.size()); ++i) {
        keys.push_back(SpriteCells::key(points[i], 0.01f, 2.0f, static_cast<std::uint16_t>(i % 3)));
        batched.prefetch(keys.back());
      }
      for (std::size_t k = 0; k < keys.size(); ++k) {
        const std::size_t i = first + k;
        ASSERT_EQ(batched.first(keys[k]),
                  one_by_one.first_in_cell(points[i], 0.01f, 2.0f, static_cast<std::uint16_t>(i % 3)))
            << frame << " " << i;
      }
    }
    batched.clear();
    one_by_one.clear();
  }
}

}  // namespace
}  // namespace losscape
