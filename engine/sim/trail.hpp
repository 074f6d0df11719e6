#pragma once
// A fixed-capacity ring buffer of recent positions: a ball's trail never grows without bound.
#include <glm/glm.hpp>

#include <cstddef>
#include <vector>

namespace losscape {

class Trail {
 public:
  explicit Trail(std::size_t capacity = 2048) : points_(capacity) {}

  void clear() {
    size_ = 0;
    head_ = 0;
    pushed_ = 0;
  }
  void push(glm::dvec2 p) {
    ++pushed_;
    if (points_.empty()) return;
    points_[head_] = p;
    head_ = (head_ + 1) % points_.size();
    if (size_ < points_.size()) ++size_;
  }
  std::size_t size() const { return size_; }
  // Points pushed since the last clear(), the dropped ones too: a renderer compares it with what
  // it has drawn to find the new points.
  std::size_t pushed() const { return pushed_; }
  std::size_t capacity() const { return points_.size(); }
  // i = 0 is the oldest point still kept, size() - 1 the newest.
  glm::dvec2 operator[](std::size_t i) const {
    const std::size_t start = (head_ + points_.size() - size_) % points_.size();
    return points_[(start + i) % points_.size()];
  }

 private:
  std::vector<glm::dvec2> points_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  std::size_t pushed_ = 0;
};

}  // namespace losscape
