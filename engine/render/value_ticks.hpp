#pragma once
// Values worth writing on a scale, and where they go: the floor grid's coordinates, the f axis
// up the box, the colour bar's key. "Nice" numbers (1, 2 or 5 times a power of ten, and their
// multiples) so a student reads them at a glance. No GL: tested on its own.
#include <functional>
#include <string>
#include <vector>

namespace losscape {

// The smallest of 1, 2, 5 times a power of ten that is at least `at_least` (> 0).
double nice_number(double at_least);
// A nice grid spacing giving about `target` divisions of `extent`.
inline double nice_step(double extent, double target) { return nice_number(extent / target); }
// The multiples of `step` from lo to hi (both included, with a little slack for rounding);
// exact zero where a multiple is zero but for rounding.
std::vector<double> multiples_in(double lo, double hi, double step);

// A scale from the value `lo` (position 0) to `hi` (position 1); `position` increases with the
// value. Linear scales get evenly spaced ticks; the others (log heights, the slope's squashed
// scale) get the roundest value near each place along the scale.
struct ValueScale {
  double lo = 0.0, hi = 1.0;
  bool linear = true;
  std::function<double(double)> position;
};

struct Tick {
  double value;
  float position;  // 0 to 1 along the scale
};

// Ticks no closer together than `min_gap` (a share of the scale's length), in increasing order.
std::vector<Tick> nice_ticks(const ValueScale& scale, double min_gap);

// A tick's text: as few digits as tell the ticks apart ("0.5", "20", "1e+04", "-3").
std::string tick_label(double value);

}  // namespace losscape
