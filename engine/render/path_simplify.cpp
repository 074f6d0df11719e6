#include "engine/render/path_simplify.hpp"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
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

std::optional<glm::vec2> clip_segment(glm::vec3 a, glm::vec3 b, glm::vec3 lo, glm::vec3 hi, glm::bvec3 axes) {
  float enter = 0.0f, leave = 1.0f;  // Liang-Barsky: the fractions still inside after each bound
  for (int i = 0; i < 3; ++i) {
    if (!axes[i]) continue;
    const float d = b[i] - a[i];
    for (const auto& [bound, sign] : {std::pair{lo[i], 1.0f}, std::pair{hi[i], -1.0f}}) {
      // Inside this bound where sign * (a + t d - bound) >= 0.
      const float from = sign * (a[i] - bound), slope = sign * d;
      if (!std::isfinite(from) || !std::isfinite(slope)) return std::nullopt;
      if (slope == 0.0f) {
        if (from < 0.0f) return std::nullopt;  // parallel to the bound, and beyond it
        continue;
      }
      const float t = -from / slope;
      if (slope > 0.0f) {
        enter = std::max(enter, t);
      } else {
        leave = std::min(leave, t);
      }
    }
  }
  if (!(enter <= leave)) return std::nullopt;
  return glm::vec2(enter, leave);
}

}  // namespace losscape
