#include "engine/render/compute/cost_evaluator.hpp"

#include "engine/render/compute/compute_support.hpp"
#include "engine/render/compute/storage_buffers.hpp"
#include "engine/render/shader.hpp"

#include <cstddef>
#include <cstring>
#include <string>

namespace losscape {
namespace {

constexpr GLuint kGroupSize = 64;

// Reads LOSSCAPE_REAL2 points, writes (f, gx, gy) per point.
constexpr const char* kMain = R"GLSL(
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer Points { LOSSCAPE_REAL points[]; };
layout(std430, binding = 1) writeonly buffer Samples { LOSSCAPE_REAL samples[]; };
uniform uint u_count;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= u_count) return;
  LOSSCAPE_REAL f;
  LOSSCAPE_REAL2 g;
  losscape_cost(LOSSCAPE_REAL2(points[2u * i], points[2u * i + 1u]), f, g);
  samples[3u * i] = f;
  samples[3u * i + 1u] = g.x;
  samples[3u * i + 2u] = g.y;
}
)GLSL";

// n numbers of the precision's type, from doubles.
std::vector<unsigned char> to_real(const double* values, std::size_t n, GlslPrecision precision) {
  std::vector<unsigned char> bytes;
  if (precision == GlslPrecision::fp64) {
    bytes.resize(n * sizeof(double));
    std::memcpy(bytes.data(), values, bytes.size());
  } else {
    bytes.resize(n * sizeof(float));
    for (std::size_t i = 0; i < n; ++i) {
      const auto f = static_cast<float>(values[i]);
      std::memcpy(bytes.data() + i * sizeof(float), &f, sizeof f);
    }
  }
  return bytes;
}

double real_at(const unsigned char* bytes, std::size_t i, GlslPrecision precision) {
  if (precision == GlslPrecision::fp64) {
    double d = 0;
    std::memcpy(&d, bytes + i * sizeof(double), sizeof d);
    return d;
  }
  float f = 0;
  std::memcpy(&f, bytes + i * sizeof(float), sizeof f);
  return f;
}

}  // namespace

Result<GpuCostEvaluator> GpuCostEvaluator::create(const CostFunction& cost, GlslPrecision precision) {
  Result<std::string> glsl = cost_glsl(cost, precision);
  if (!glsl) return Error{glsl.error()};
  auto program = single_stage_program(GL_COMPUTE_SHADER, compute_shader_version() + *glsl + kMain,
                                      "cost evaluator (" + std::string(precision_name(precision)) + ")");
  if (!program) return Error{program.error()};
  GpuCostEvaluator evaluator;
  evaluator.program_ = std::move(*program);
  evaluator.precision_ = precision;
  return evaluator;
}

CostSamples GpuCostEvaluator::evaluate(const std::vector<glm::dvec2>& points) const {
  const std::size_t n = points.size();
  const std::size_t real = precision_ == GlslPrecision::fp64 ? sizeof(double) : sizeof(float);
  const std::vector<unsigned char> input = to_real(&points.data()->x, 2 * n, precision_);
  const gl::Buffer in = storage_buffer(input, GL_STATIC_DRAW),
                   out = storage_buffer(3 * n * real, nullptr, GL_STREAM_READ);
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, in.id());
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, out.id());
  glUseProgram(program_.id());
  glUniform1ui(glGetUniformLocation(program_.id(), "u_count"), static_cast<GLuint>(n));
  glDispatchCompute(static_cast<GLuint>((n + kGroupSize - 1) / kGroupSize), 1, 1);
  glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT);
  const std::vector<unsigned char> output = read_buffer<unsigned char>(out, 3 * n * real);
  glUseProgram(0);
  CostSamples samples;
  samples.value.resize(n);
  samples.gradient.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    samples.value[i] = real_at(output.data(), 3 * i, precision_);
    samples.gradient[i] = {real_at(output.data(), 3 * i + 1, precision_),
                           real_at(output.data(), 3 * i + 2, precision_)};
  }
  return samples;
}

}  // namespace losscape
