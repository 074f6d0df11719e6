#pragma once
// f against step for the loss plot, in bounded memory however long the run: when full, every
// other sample is dropped and the sampling stride doubles, so the whole run stays visible at
// a coarser resolution (the newest sample is always kept).
#include <cstddef>
#include <vector>

namespace losscape {

class LossHistory {
 public:
  explicit LossHistory(std::size_t capacity = 1024) : capacity_(capacity < 4 ? 4 : capacity) {}

  void clear() {
    steps_.clear();
    values_.clear();
    stride_ = 1;
    latest_step_ = 0;
    latest_value_ = 0.0;
    has_latest_ = false;
  }
  void add(std::size_t step, double value) {
    latest_step_ = step;
    latest_value_ = value;
    has_latest_ = true;
    if (step % stride_ != 0) return;
    if (steps_.size() == capacity_) {
      std::size_t kept = 0;
      for (std::size_t i = 0; i < steps_.size(); i += 2, ++kept) {
        steps_[kept] = steps_[i];
        values_[kept] = values_[i];
      }
      steps_.resize(kept);
      values_.resize(kept);
      stride_ *= 2;
      if (step % stride_ != 0) return;
    }
    steps_.push_back(step);
    values_.push_back(value);
  }
  // Sampled points (oldest first) and the newest point, which may not be on the stride.
  const std::vector<std::size_t>& steps() const { return steps_; }
  const std::vector<double>& values() const { return values_; }
  bool has_latest() const { return has_latest_; }
  std::size_t latest_step() const { return latest_step_; }
  double latest_value() const { return latest_value_; }
  std::size_t stride() const { return stride_; }

 private:
  std::size_t capacity_;
  std::size_t stride_ = 1;
  std::vector<std::size_t> steps_;
  std::vector<double> values_;
  std::size_t latest_step_ = 0;
  double latest_value_ = 0.0;
  bool has_latest_ = false;
};

}  // namespace losscape
