#include "engine/render/sprite_cells.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

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

}  // namespace
}  // namespace losscape
