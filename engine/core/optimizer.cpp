#include "engine/core/optimizer.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace losscape {
namespace {

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

Status check_parameter(const ParameterSpec& spec, double value) {
  if (!std::isfinite(value)) return Error{spec.key + ": must be a finite number, got " + format_number(value)};
  if (spec.min_exclusive ? value <= spec.min_value : value < spec.min_value) {
    return Error{spec.key + ": must be " + (spec.min_exclusive ? "> " : ">= ") + format_number(spec.min_value) +
                 ", got " + format_number(value)};
  }
  if (value > spec.max_value) {
    return Error{spec.key + ": must be <= " + format_number(spec.max_value) + ", got " + format_number(value)};
  }
  if (spec.whole && value != std::floor(value)) {
    return Error{spec.key + (is_boolean(spec) ? ": must be 0 or 1, got " : ": must be a whole number, got ") +
                 format_number(value)};
  }
  return {};
}

StepExplanation Optimizer::explain(const CostFunction& cost, glm::dvec2 position) const {
  const glm::dvec2 to = clone()->step(cost, position);
  return generic_explanation(position, cost.gradient(position), to, 0.0);
}

double Optimizer::parameter(std::string_view key) const {
  const auto& table = parameter_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i].key == key) return values_[i];
  }
  throw std::invalid_argument("unknown parameter '" + std::string(key) + "'");
}

Status Optimizer::set_parameter(std::string_view key, double value) {
  const auto& table = parameter_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i].key != key) continue;
    Status checked = check_parameter(table[i], value);
    if (checked) values_[i] = value;
    return checked;
  }
  std::string valid;
  for (const auto& spec : table) valid += (valid.empty() ? "" : ", ") + spec.key;
  return Error{"unknown parameter '" + std::string(key) + "' for optimizer '" + name() +
               "' (valid: " + (valid.empty() ? "none" : valid) + ")"};
}

}  // namespace losscape
