#include "engine/scene/surface_height.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace losscape {
namespace {

constexpr double kLogOffset = 0.1;  // h52vtp.py's log(z + 0.1)
// The grid is cut this fraction of (zmax - lowest) above zmax: far enough that the interpolant's
// ringing along the cut stays above the ceiling, near enough that a cliff of huge losses beyond
// it does not ring down into the valley (Catmull-Rom's negative lobes scale with the jump).
constexpr double kClampMargin = 0.5;

std::string number(double v) {
  std::ostringstream out;
  out.precision(15);  // zmax as typed (0.3, not 0.300000000000000011)
  out << v;
  return out.str();
}

}  // namespace

const std::vector<SurfaceScaleInfo>& surface_scales() {
  static const std::vector<SurfaceScaleInfo> scales = {
      {SurfaceScale::linear, "linear", "the values as computed"},
      {SurfaceScale::log, "log",
       "log(z + 0.1), as loss-landscape's h52vtp.py --log: the low valley's detail next to the high loss far away"},
  };
  return scales;
}

std::optional<SurfaceScale> parse_surface_scale(const std::string& name) {
  for (const SurfaceScaleInfo& info : surface_scales()) {
    if (name == info.name) return info.scale;
  }
  return std::nullopt;
}

const char* surface_scale_name(SurfaceScale scale) {
  for (const SurfaceScaleInfo& info : surface_scales()) {
    if (info.scale == scale) return info.name;
  }
  return "linear";
}

std::string surface_scale_names() {
  std::string names;
  for (const SurfaceScaleInfo& info : surface_scales()) names += (names.empty() ? "" : ", ") + std::string(info.name);
  return names;
}

std::string shown_height(const std::string& name, const SurfaceHeight& height) {
  const std::string clamped = height.zmax ? "min(" + name + ", " + number(*height.zmax) + ")" : name;
  return height.scale == SurfaceScale::log ? "log(" + clamped + " + " + number(kLogOffset) + ")" : clamped;
}

std::optional<double> surface_ceiling(const SurfaceHeight& height) {
  if (!height.zmax) return std::nullopt;
  return height.scale == SurfaceScale::log ? std::log(*height.zmax + kLogOffset) : *height.zmax;
}

Status apply_surface_height(std::vector<double>& z, const SurfaceHeight& height, const std::string& name,
                            const std::function<std::string(std::size_t)>& cell) {
  if (height.zmax) {
    const double zmax = *height.zmax;
    double lowest = std::numeric_limits<double>::infinity();
    for (const double v : z) {
      if (std::isfinite(v)) lowest = std::min(lowest, v);
    }
    if (!std::isfinite(zmax) || !(zmax > lowest)) {
      return Error{"zmax " + number(zmax) + " is not above the lowest value of '" + name + "', " + number(lowest) +
                   ": the clamped surface would be flat"};
    }
    const double cut = zmax + kClampMargin * (zmax - lowest);
    for (double& v : z) v = std::min(v, cut);  // NaN stays NaN
  }
  if (height.scale == SurfaceScale::log) {
    for (std::size_t k = 0; k < z.size(); ++k) {
      if (std::isnan(z[k])) continue;
      if (!(z[k] > -kLogOffset)) {
        return Error{"'" + name + "' has " + number(z[k]) + " at " + cell(k) +
                     ": its log height, log(z + 0.1), needs values above -0.1"};
      }
      z[k] = std::log(z[k] + kLogOffset);
    }
  }
  return {};
}

}  // namespace losscape
