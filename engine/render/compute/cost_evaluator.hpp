#pragma once
// A cost's value and gradient at many points, by a compute shader running cost_glsl()'s source:
// what the tests hold to the C++ (tests/render/test_cost_glsl.cpp), and a check that a cost's
// GLSL compiles on this context before a GPU path relies on it.
#include "engine/core/cost_function.hpp"
#include "engine/core/glsl/cost_glsl.hpp"
#include "engine/core/result.hpp"
#include "engine/render/gl_resources.hpp"

#include <glm/glm.hpp>

#include <vector>

namespace losscape {

struct CostSamples {
  std::vector<double> value;
  std::vector<glm::dvec2> gradient;
};

class GpuCostEvaluator {
 public:
  // Needs a current context with compute shaders (compute_support.hpp); an Error when the cost
  // has no GLSL form or the shader does not compile.
  static Result<GpuCostEvaluator> create(const CostFunction& cost, GlslPrecision precision);

  // At each point (rounded to float first in fp32), in the evaluator's precision, widened.
  CostSamples evaluate(const std::vector<glm::dvec2>& points) const;

 private:
  GpuCostEvaluator() = default;
  gl::Program program_;
  GlslPrecision precision_ = GlslPrecision::fp64;
};

}  // namespace losscape
