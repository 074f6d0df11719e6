#pragma once
// The two axes of a stability map: which of an optimizer's parameters each one varies, over what
// range, on what scale. Read from text such as "lr,momentum" or "lr=1e-4:1,beta1=0:0.999" (the
// command line's --axes, the panel's fields), and checked against the optimizer's own parameter
// table, so a mistyped key is refused with the valid ones named, as --param refuses it.
#include "engine/core/optimizer.hpp"
#include "engine/core/result.hpp"

#include <string>

namespace losscape {

struct StabilityAxis {
  std::string key;  // a parameter of the optimizer (its ParameterSpec's key)
  double lo = 0.0, hi = 1.0;
  bool log = false;  // lr always; another parameter where its spec says log_scale

  // The value at the centre of cell i of n (cell 0 at lo).
  double value(int i, int n) const;
  // Where `v` lies along the axis, 0 at lo and 1 at hi (on the axis's own scale).
  double position(double v) const;
};

struct StabilityAxes {
  StabilityAxis x, y;
};

// The grid sizes a stability map may have, per side.
inline constexpr int kStabilityGridMin = 2;
inline constexpr int kStabilityGridMax = 1024;

// An axis for `key` with its default range: the parameter's whole range where linear; on a log
// axis the current value / 100 to x 100, within the range. Or why `key` cannot be an axis.
Result<StabilityAxis> default_stability_axis(const Optimizer& optimizer, const std::string& key);

// The axes a map has when none are given: lr (where the method has one) and the next parameter
// a map can vary (momentum, beta1, alpha...), else its first two, each with its default range; or
// why there are not two.
Result<StabilityAxes> default_stability_axes(const Optimizer& optimizer);

// "KEY[=LO:HI],KEY[=LO:HI]": two different keys of `optimizer`, each range within its spec and
// LO < HI (LO > 0 on a log axis). Errors name the text and what is wrong, in one line.
Result<StabilityAxes> parse_stability_axes(const Optimizer& optimizer, const std::string& text);

// Whether `text` has parse_stability_axes()'s form (two different keys, each with a range LO < HI
// or none), whatever the optimizer: a scene file's "stability" before its optimizer is known.
bool well_formed_stability_axes(const std::string& text);

// The axes' values at cell (i, j) of a grid x grid map set on `optimizer` (Status: refused values,
// which parse_stability_axes has ruled out).
Status set_stability_parameters(Optimizer& optimizer, const StabilityAxes& axes, int i, int j, int grid);

}  // namespace losscape
