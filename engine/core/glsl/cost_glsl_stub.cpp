// TEMPORARY stub of cost_glsl (cost_glsl.hpp) until the glsl branch's real cost_glsl.cpp, which
// compiles every built-in and formula, is merged: delete this file then (and its line in
// engine/CMakeLists.txt). It knows three built-ins by hand, written in the C++ built-ins' order of
// operations (engine/core/builtin_functions.cpp), every product and sum `precise` so that no
// multiply-add is fused where the C++ build fuses none.
#include "engine/core/glsl/cost_glsl.hpp"

#include <map>

namespace losscape {
namespace {

const std::map<std::string, std::string>& bodies() {
  static const std::map<std::string, std::string> table = {
      {"himmelblau",
       "  precise LOSSCAPE_REAL x = p.x, y = p.y;\n"
       "  precise LOSSCAPE_REAL r1 = x * x + y - LOSSCAPE_REAL(11.0), r2 = x + y * y - LOSSCAPE_REAL(7.0);\n"
       "  f = r1 * r1 + r2 * r2;\n"
       "  g = LOSSCAPE_REAL2(LOSSCAPE_REAL(4.0) * x * r1 + LOSSCAPE_REAL(2.0) * r2,\n"
       "                     LOSSCAPE_REAL(2.0) * r1 + LOSSCAPE_REAL(4.0) * y * r2);\n"},
      {"bowl", "  precise LOSSCAPE_REAL x = p.x, y = p.y;\n"
               "  f = x * x + y * y;\n"
               "  g = LOSSCAPE_REAL2(LOSSCAPE_REAL(2.0) * x, LOSSCAPE_REAL(2.0) * y);\n"},
      {"rosenbrock",
       "  precise LOSSCAPE_REAL x = p.x, y = p.y;\n"
       "  precise LOSSCAPE_REAL u = LOSSCAPE_REAL(1.0) - x, v = y - x * x;\n"
       "  f = u * u + LOSSCAPE_REAL(100.0) * v * v;\n"
       "  g = LOSSCAPE_REAL2(LOSSCAPE_REAL(-2.0) * u - LOSSCAPE_REAL(400.0) * x * v, LOSSCAPE_REAL(200.0) * v);\n"},
  };
  return table;
}

}  // namespace

Result<std::string> cost_glsl(const CostFunction& cost, GlslPrecision precision) {
  const auto found = bodies().find(cost.name());
  if (found == bodies().end()) {
    return Error{"function " + cost.name() + ": no GLSL for it yet (the stub knows himmelblau, bowl, rosenbrock)"};
  }
  const bool fp64 = precision == GlslPrecision::fp64;
  return std::string(fp64 ? "#define LOSSCAPE_REAL double\n#define LOSSCAPE_REAL2 dvec2\n"
                          : "#define LOSSCAPE_REAL float\n#define LOSSCAPE_REAL2 vec2\n") +
         "void losscape_cost(in LOSSCAPE_REAL2 p, out LOSSCAPE_REAL f, out LOSSCAPE_REAL2 g) {\n" + found->second +
         "}\n";
}

}  // namespace losscape
