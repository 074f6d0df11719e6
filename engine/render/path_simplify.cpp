#include "engine/render/path_simplify.hpp"

#include <glm/geometric.hpp>

#include <algorithm>
#include <utility>

namespace losscape {
namespace {

float squared_distance_to_segment(glm::vec3 p, glm::vec3 a, glm::vec3 b) {
  const glm::vec3 ab = b - a;
  const float length2 = glm::dot(ab, ab);
  const float t = length2 > 0.0f ? std::clamp(glm::dot(p - a, ab) / length2, 0.0f, 1.0f) : 0.0f;
  const glm::vec3 off = p - (a + t * ab);
  return glm::dot(off, off);
}

}  // namespace

void simplify_path(std::span<const glm::vec3> path, float tolerance, std::vector<std::uint32_t>& kept) {
  kept.clear();
  if (path.empty()) return;
  const auto last = static_cast<std::uint32_t>(path.size() - 1);
  kept.push_back(0);
  if (last == 0) return;
  kept.push_back(last);
  const float tolerance2 = tolerance * tolerance;
  // Each range's farthest point is kept if it is out of tolerance, and both halves are looked at
  // again. A stack, not recursion: a path may have many thousands of points.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges{{0, last}};
  while (!ranges.empty()) {
    const auto [first, end] = ranges.back();
    ranges.pop_back();
    float farthest2 = tolerance2;
    std::uint32_t farthest = 0;
    for (std::uint32_t i = first + 1; i < end; ++i) {
      const float d2 = squared_distance_to_segment(path[i], path[first], path[end]);
      if (d2 > farthest2) farthest2 = d2, farthest = i;
    }
    if (farthest == 0) continue;
    kept.push_back(farthest);
    ranges.emplace_back(first, farthest);
    ranges.emplace_back(farthest, end);
  }
  std::sort(kept.begin(), kept.end());
}

}  // namespace losscape
