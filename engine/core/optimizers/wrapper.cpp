#include "engine/core/optimizers/wrapper.hpp"

#include <utility>

namespace losscape {

WrapperOptimizer::WrapperOptimizer(std::string name, const std::string& title, std::unique_ptr<Optimizer> inner,
                                   std::vector<ParameterSpec> own)
    : Optimizer(std::move(name), title + " (" + inner->title() + ")"),
      inner_(std::move(inner)),
      table_(std::move(own)),
      own_count_(table_.size()),
      handed_(inner_->parameter_values()) {
  const auto& inner_table = inner_->parameter_table();
  table_.insert(table_.end(), inner_table.begin(), inner_table.end());
  init_parameters();  // the inner keys' defaults are the inner method's own, as handed_ holds
}

WrapperOptimizer::WrapperOptimizer(const WrapperOptimizer& other)
    : Optimizer(other),
      inner_(other.inner_->clone()),
      table_(other.table_),
      own_count_(other.own_count_),
      handed_(other.handed_) {}

void WrapperOptimizer::reset() {
  inner_->reset();
  reset_own();
}

std::vector<Optimizer::Companion> WrapperOptimizer::companions() const {
  std::vector<Companion> out = inner_->companions();
  for (const Companion& c : own_companions()) out.push_back(c);
  return out;
}

bool WrapperOptimizer::inner_maximizes() const {
  for (std::size_t i = own_count_; i < table_.size(); ++i) {
    if (table_[i].key == "maximize") return parameter_values()[i] != 0.0;
  }
  return false;
}

Optimizer& WrapperOptimizer::synced_inner() {
  const std::vector<double>& values = parameter_values();
  for (std::size_t i = 0; i < handed_.size(); ++i) {
    const double value = values[own_count_ + i];
    if (value == handed_[i]) continue;
    // Checked against the same spec when it was set here, so the inner method takes it.
    static_cast<void>(inner_->set_parameter(table_[own_count_ + i].key, value));
    handed_[i] = value;
  }
  return *inner_;
}

}  // namespace losscape
