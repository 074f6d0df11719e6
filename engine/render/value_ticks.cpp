#include "engine/render/value_ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace losscape {

double nice_number(double at_least) {
  const double power = std::pow(10.0, std::floor(std::log10(at_least)));
  for (double m : {1.0, 2.0, 5.0}) {
    if (m * power >= at_least * (1.0 - 1e-12)) return m * power;
  }
  return 10.0 * power;
}

std::vector<double> multiples_in(double lo, double hi, double step) {
  std::vector<double> out;
  const double slack = 1e-9 * step;
  for (double k = std::ceil((lo - slack) / step); k * step <= hi + slack; k += 1.0) {
    const double v = k * step;
    out.push_back(std::abs(v) < slack ? 0.0 : v);
  }
  return out;
}

namespace {

// The value at `target` along the scale (bisection: `position` is increasing).
double value_at(const ValueScale& scale, double target) {
  double a = scale.lo, b = scale.hi;
  for (int i = 0; i < 80; ++i) {
    const double mid = 0.5 * (a + b);
    (scale.position(mid) < target ? a : b) = mid;
  }
  return 0.5 * (a + b);
}

// The first of 0 and ±1, 2 or 5 times a power of ten at or past a, if one comes by b.
std::optional<double> first_one_two_five(double a, double b) {
  if (a <= 0.0 && b >= 0.0) return 0.0;
  if (b < 0.0) {  // mirrored: the one nearest a is the largest |v| up to |a|
    for (double power = std::pow(10.0, std::floor(std::log10(-a))); power >= -b * 0.1; power /= 10.0) {
      for (double m : {5.0, 2.0, 1.0}) {
        if (-m * power >= a && -m * power <= b) return -m * power;
      }
    }
    return std::nullopt;
  }
  for (double power = std::pow(10.0, std::floor(std::log10(a))); power <= b; power *= 10.0) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (m * power >= a) return m * power <= b ? std::optional(m * power) : std::nullopt;
    }
  }
  return std::nullopt;
}

// A multiple of the largest nice step that has one from a to b (in [103, 107]: 105).
double roundest_multiple_between(double a, double b) {
  // From a step too large to fit down through 5, 2, 1 times powers of ten: one shorter than
  // b - a always has a multiple in between, so this ends.
  for (double step = 10.0 * nice_number(b - a);; step = nice_number(step / 2.5)) {
    const double k = std::ceil(a / step);
    if (k * step <= b) return k * step;
  }
}

// Where `v` goes, kept on the scale: a value a hair beyond its ends (see kEndSlack) sits at the end.
float clamped_position(const ValueScale& scale, double v) {
  return static_cast<float>(std::clamp(scale.position(v), 0.0, 1.0));
}

// The scale's ends are sampled values (the lowest f on the terrain's grid, 0.0003 for a bowl
// whose minimum is 0): a round value beyond an end by less than this share of a step (of the
// first tick's window on an uneven scale) is labelled at the end, so the bowl's scale starts at 0.
constexpr double kEndSlack = 0.01;

std::vector<Tick> even_ticks(const ValueScale& scale, double min_gap) {
  const double span = scale.hi - scale.lo, step = nice_number(std::max(min_gap, 1e-6) * span);
  std::vector<Tick> ticks;
  for (double v : multiples_in(scale.lo - kEndSlack * step, scale.hi + kEndSlack * step, step)) {
    ticks.push_back({v, clamped_position(scale, v)});
  }
  return ticks;
}

// Walks along the scale, each tick at least a gap past the last: the next 1, 2 or 5 times a power
// of ten within two gaps (on a log scale they come at least every 2.5-fold), else the roundest
// multiple within one gap (a scale far from zero: 100 to 105).
std::vector<Tick> uneven_ticks(const ValueScale& scale, double min_gap) {
  std::vector<Tick> ticks;
  double from = 0.0;  // where the next tick may go, along the scale
  while (from <= 1.0) {
    double a = value_at(scale, from);
    const double one_gap = value_at(scale, std::min(from + min_gap, 1.0));
    const double two_gaps = value_at(scale, std::min(from + 2.0 * min_gap, 1.0));
    if (ticks.empty()) a -= kEndSlack * (one_gap - a);
    double v = a;  // the scale's very end: nowhere left to look
    if (two_gaps > a) {
      const std::optional<double> round = first_one_two_five(a, two_gaps);
      v = round ? *round : one_gap > a ? roundest_multiple_between(a, one_gap) : a;
    }
    const float p = clamped_position(scale, v);
    if (ticks.empty() || p - ticks.back().position >= min_gap * 0.999) ticks.push_back({v, p});
    from = std::max(static_cast<double>(p), from) + min_gap;
  }
  return ticks;
}

}  // namespace

std::vector<Tick> nice_ticks(const ValueScale& scale, double min_gap) {
  if (!(scale.hi > scale.lo) || !scale.position || !(min_gap > 0.0)) return {};
  return scale.linear ? even_ticks(scale, min_gap) : uneven_ticks(scale, min_gap);
}

std::string tick_label(double value) {
  char text[32];
  const double magnitude = std::abs(value);
  if (magnitude != 0.0 && (magnitude >= 1e5 || magnitude < 1e-3)) {
    // 2e+06 is hard to read from the back row; 2e6 is what a slide would say.
    const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
    std::snprintf(text, sizeof text, "%.6ge%d", value / std::pow(10.0, exponent), exponent);
  } else {
    std::snprintf(text, sizeof text, "%.10g", value);
  }
  return text;
}

}  // namespace losscape
