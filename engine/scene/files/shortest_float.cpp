#include "engine/scene/files/shortest_float.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace losscape {

double shortest_float_searched(float value) {
  if (!std::isfinite(value) || value == 0.0f) return static_cast<double>(value);
  for (int digits = 1; digits <= 9; ++digits) {  // 9 significant digits always read back (FLT_DECIMAL_DIG)
    // The float's value correctly rounded to `digits` digits: d.ddde±x.
    char text[40];
    std::snprintf(text, sizeof text, "%.*e", digits - 1, static_cast<double>(value));
    // As an integer mantissa m and exponent: value ~ m * 10^exponent.
    std::string mantissa;
    const char* p = text;
    const bool negative = *p == '-';
    if (negative) ++p;
    for (; *p && *p != 'e'; ++p) {
      if (*p != '.') mantissa += *p;
    }
    const long long m = std::atoll(mantissa.c_str());
    const int exponent = std::atoi(p + 1) - (digits - 1);
    // The rounded text is the closest with this many digits; where it misses the float (next to a
    // power of two, whose interval of reading back is lopsided), a neighbour may still hit it.
    for (long long candidate : {m, m - 1, m + 1}) {
      if (candidate <= 0) continue;
      char near[48];
      std::snprintf(near, sizeof near, "%s%llde%d", negative ? "-" : "", candidate, exponent);
      if (std::strtof(near, nullptr) != value) continue;
      // to_chars writes the shorter of d.ddde±xx and plain digits, preferring plain digits on a
      // tie. Plain digits of a whole number (every float from 2^24 up) are all its digits, so the
      // closest text of that length is the float itself: 67108872, not 67108870.
      const int power = exponent + digits - 1;  // value ~ d.ddd x 10^power
      const int scientific = digits + (digits > 1 ? 1 : 0) + 2 + (std::abs(power) >= 100 ? 3 : 2);
      if (power >= digits - 1 && power + 1 <= scientific) return static_cast<double>(value);
      return std::strtod(near, nullptr);
    }
  }
  return static_cast<double>(value);  // not reached: 9 digits always read back
}

double shortest_float(float value) {
#if defined(__cpp_lib_to_chars)
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  return std::strtod(std::string(text, end).c_str(), nullptr);
#else
  return shortest_float_searched(value);
#endif
}

}  // namespace losscape
