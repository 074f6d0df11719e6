#include "engine/sim/stability_axes.hpp"

#include "engine/core/one_line.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace losscape {
namespace {

// A whole string as a finite number; false on anything else.
bool parse_number(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

// "LO:HI", two numbers.
bool parse_range(const std::string& range, double& lo, double& hi) {
  const auto colon = range.find(':');
  return colon != std::string::npos && parse_number(range.substr(0, colon), lo) &&
         parse_number(range.substr(colon + 1), hi);
}

const ParameterSpec* find_spec(const Optimizer& optimizer, const std::string& key) {
  for (const ParameterSpec& spec : optimizer.parameter_table()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

// The keys a map may vary: every parameter that takes more than whole numbers.
std::string axis_keys(const Optimizer& optimizer) {
  std::string keys;
  for (const ParameterSpec& spec : optimizer.parameter_table()) {
    if (!spec.whole) keys += (keys.empty() ? "" : ", ") + spec.key;
  }
  return keys.empty() ? "none" : keys;
}

Result<const ParameterSpec*> axis_spec(const Optimizer& optimizer, const std::string& key) {
  const ParameterSpec* spec = find_spec(optimizer, key);
  if (!spec || spec->whole) {
    return Error{(spec ? "'" + key + "' takes whole numbers only" : "unknown parameter '" + one_line(key) + "'") +
                 " for a stability axis of optimizer '" + optimizer.name() + "' (valid: " + axis_keys(optimizer) + ")"};
  }
  return spec;
}

bool log_axis(const ParameterSpec& spec) { return spec.key == "lr" || spec.log_scale; }

// "KEY" or "KEY=LO:HI".
Result<StabilityAxis> parse_axis(const Optimizer& optimizer, const std::string& text) {
  const auto eq = text.find('=');
  const std::string key = text.substr(0, eq);
  auto axis = default_stability_axis(optimizer, key);
  if (!axis || eq == std::string::npos) return axis;
  if (!parse_range(text.substr(eq + 1), axis->lo, axis->hi)) {
    return Error{"invalid axis '" + one_line(text) + "': expected KEY=LO:HI with two numbers, e.g. lr=1e-4:1"};
  }
  if (!(axis->lo < axis->hi)) return Error{"invalid axis '" + one_line(text) + "': LO must be less than HI"};
  // The ends must be values the parameter takes: its own check says which.
  auto probe = optimizer.clone();
  for (const double v : {axis->lo, axis->hi}) {
    if (Status fits = probe->set_parameter(key, v); !fits) {
      return Error{"invalid axis '" + one_line(text) + "': " + fits.error()};
    }
  }
  if (axis->log && axis->lo <= 0.0) {
    return Error{"invalid axis '" + one_line(text) + "': a log axis needs LO > 0"};
  }
  return axis;
}

}  // namespace

double StabilityAxis::value(int i, int n) const {
  const double t = (i + 0.5) / n;
  return log ? std::exp(std::log(lo) + t * (std::log(hi) - std::log(lo))) : lo + t * (hi - lo);
}

double StabilityAxis::position(double v) const {
  return log ? (std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo)) : (v - lo) / (hi - lo);
}

Result<StabilityAxis> default_stability_axis(const Optimizer& optimizer, const std::string& key) {
  auto spec = axis_spec(optimizer, key);
  if (!spec) return Error{spec.error()};
  const ParameterSpec& s = **spec;
  StabilityAxis axis{key, s.min_value, s.max_value, log_axis(s)};
  if (axis.log) {
    // Four decades around the value the scene uses: the slope where steps are too small, the
    // sweet spot and the cliff beyond it, as the learning-rate sweep shows them.
    const double v = optimizer.parameter(key);
    axis.hi = std::min(s.max_value, v * 100.0);
    axis.lo = std::max(v / 100.0, s.min_value > 0.0 ? s.min_value : axis.hi * 1e-4);
  }
  return axis;
}

Result<StabilityAxes> default_stability_axes(const Optimizer& optimizer) {
  std::vector<StabilityAxis> axes;
  if (auto lr = default_stability_axis(optimizer, "lr")) axes.push_back(*lr);
  for (const ParameterSpec& spec : optimizer.parameter_table()) {
    if (axes.size() == 2) break;
    if (spec.key == "lr") continue;
    if (auto axis = default_stability_axis(optimizer, spec.key)) axes.push_back(*axis);
  }
  if (axes.size() < 2) {
    return Error{"optimizer '" + optimizer.name() + "' has " +
                 (axes.empty() ? "no parameter" : "one parameter, " + axes.front().key + ",") +
                 " a stability map can vary: a map needs two"};
  }
  return StabilityAxes{axes[0], axes[1]};
}

Result<StabilityAxes> parse_stability_axes(const Optimizer& optimizer, const std::string& text) {
  const auto comma = text.find(',');
  if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos) {
    return Error{"invalid --axes '" + one_line(text) + "': expected two parameters KEY[=LO:HI],KEY[=LO:HI], e.g. " +
                 "lr,momentum or lr=1e-4:1,momentum=0:0.99"};
  }
  auto x = parse_axis(optimizer, text.substr(0, comma));
  if (!x) return Error{x.error()};
  auto y = parse_axis(optimizer, text.substr(comma + 1));
  if (!y) return Error{y.error()};
  if (x->key == y->key) return Error{"invalid --axes '" + one_line(text) + "': the two axes must differ"};
  return StabilityAxes{*x, *y};
}

bool well_formed_stability_axes(const std::string& text) {
  const auto comma = text.find(',');
  if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos) return false;
  std::string keys[2];
  for (int k = 0; k < 2; ++k) {
    const std::string part = k == 0 ? text.substr(0, comma) : text.substr(comma + 1);
    const auto eq = part.find('=');
    keys[k] = part.substr(0, eq);
    if (keys[k].empty()) return false;
    if (eq == std::string::npos) continue;
    double lo = 0.0, hi = 0.0;
    if (!parse_range(part.substr(eq + 1), lo, hi) || !(lo < hi)) return false;
  }
  return keys[0] != keys[1];
}

Status set_stability_parameters(Optimizer& optimizer, const StabilityAxes& axes, int i, int j, int grid) {
  if (Status set = optimizer.set_parameter(axes.x.key, axes.x.value(i, grid)); !set) return set;
  return optimizer.set_parameter(axes.y.key, axes.y.value(j, grid));
}

}  // namespace losscape
