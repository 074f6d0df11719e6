#include "engine/render/compute/gpu_basins.hpp"

#include "engine/core/optimizers/adam.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/core/optimizers/sgd_momentum.hpp"
#include "engine/render/compute/compute_support.hpp"
#include "engine/render/gl_resources.hpp"
#include "engine/render/shader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>

namespace losscape {
namespace {

constexpr GLuint kGroupSize = 64;
constexpr int kStepsPerDispatch = 50;

// A method's step for one coordinate, as its C++ rule's next() (torch_ops' fused multiply-adds
// as fma(), nothing else fused: precise), from the uniforms u_rule[] and the coordinate's memory
// (s0, s1). `steps`: the start's steps so far; every running start of a map has taken the same
// number, so what a rule's start_step(t) computes is handed over per step in u_step[] (two
// numbers a step, for the dispatch's steps from u_first_step on), computed by the C++ rule itself.
//   gd:       u_rule = (lr, weight_decay, maximize)
//   momentum: (lr, weight_decay, maximize, mu, 1 - dampening, nesterov)
//   adam:     (lr, weight_decay, maximize, beta1, beta2, eps, decoupled, 1 - beta1, 1 - beta2,
//             1 - lr weight_decay); u_step = (step_size, sqrt(bias_correction2)) of each step
struct GpuRule {
  const char* name;
  const char* glsl;
};
const GpuRule kRules[] = {
    {"gd", R"GLSL(
LOSSCAPE_REAL basin_next(LOSSCAPE_REAL p, LOSSCAPE_REAL g, inout LOSSCAPE_REAL s0, inout LOSSCAPE_REAL s1, uint steps) {
  precise LOSSCAPE_REAL d_p = u_rule[2] != 0.0 ? -g : g;
  if (u_rule[1] != 0.0) d_p = fma(u_rule[1], p, d_p);
  return fma(-u_rule[0], d_p, p);
}
)GLSL"},
    {"momentum", R"GLSL(
LOSSCAPE_REAL basin_next(LOSSCAPE_REAL p, LOSSCAPE_REAL g, inout LOSSCAPE_REAL s0, inout LOSSCAPE_REAL s1, uint steps) {
  precise LOSSCAPE_REAL d_p = u_rule[2] != 0.0 ? -g : g;
  if (u_rule[1] != 0.0) d_p = fma(u_rule[1], p, d_p);
  if (u_rule[3] != 0.0) {
    precise LOSSCAPE_REAL decayed = s0 * u_rule[3];
    s0 = steps == 0u ? d_p : fma(u_rule[4], d_p, decayed);
    d_p = u_rule[5] != 0.0 ? fma(u_rule[3], s0, d_p) : s0;
  }
  return fma(-u_rule[0], d_p, p);
}
)GLSL"},
    {"adam", R"GLSL(
LOSSCAPE_REAL basin_next(LOSSCAPE_REAL p, LOSSCAPE_REAL g, inout LOSSCAPE_REAL s0, inout LOSSCAPE_REAL s1, uint steps) {
  uint at = 2u * (steps - u_first_step);
  precise LOSSCAPE_REAL grad = u_rule[2] != 0.0 ? -g : g;
  precise LOSSCAPE_REAL q = p;
  if (u_rule[6] != 0.0) {
    q = p * u_rule[9];
  } else if (u_rule[1] != 0.0) {
    grad = fma(u_rule[1], p, grad);
  }
  precise LOSSCAPE_REAL avg = s0 * u_rule[3];
  s0 = fma(u_rule[7], grad, avg);
  precise LOSSCAPE_REAL avg_sq = s1 * u_rule[4];
  precise LOSSCAPE_REAL scaled = u_rule[8] * grad;
  s1 = fma(scaled, grad, avg_sq);
  precise LOSSCAPE_REAL denom = sqrt(s1) / u_step[at + 1u] + u_rule[5];
  precise LOSSCAPE_REAL next = q + (-u_step[at] * s0) / denom;
  return next;
}
)GLSL"},
};

// The rule's source and uniforms for `optimizer`, or why the GPU does not step it.
struct RuleChoice {
  const char* glsl = nullptr;
  std::vector<double> uniforms;
  // u_step's numbers for steps first + 1 .. first + n (t of the C++ rule's start_step(t)).
  std::function<std::vector<double>(std::size_t first, std::size_t n)> per_step;
};
Result<RuleChoice> choose_rule(const Optimizer& optimizer) {
  const auto none = [](std::size_t, std::size_t n) { return std::vector<double>(2 * n, 0.0); };
  // The concrete classes only: a schedule or a wrapper around them is another class.
  if (const auto* gd = dynamic_cast<const GradientDescent*>(&optimizer)) {
    const GradientDescentRule r = gd->current_rule();
    return RuleChoice{kRules[0].glsl, {r.lr, r.weight_decay, r.maximize ? 1.0 : 0.0}, none};
  }
  if (const auto* momentum = dynamic_cast<const SgdMomentum*>(&optimizer)) {
    const MomentumRule r = momentum->current_rule();
    return RuleChoice{kRules[1].glsl,
                      {r.lr, r.weight_decay, r.maximize ? 1.0 : 0.0, r.mu, 1.0 - r.dampening, r.nesterov ? 1.0 : 0.0},
                      none};
  }
  if (const auto* adam = dynamic_cast<const Adam*>(&optimizer); adam && !adam->current_rule().amsgrad) {
    const AdamRule r = adam->current_rule();
    const auto per_step = [r](std::size_t first, std::size_t n) {
      AdamRule rule = r;
      std::vector<double> numbers;
      for (std::size_t k = 1; k <= n; ++k) {
        rule.start_step(static_cast<double>(first + k));
        numbers.push_back(rule.step_size);
        numbers.push_back(rule.bias_correction2_sqrt);
      }
      return numbers;
    };
    return RuleChoice{kRules[2].glsl,
                      {r.lr, r.weight_decay, r.maximize ? 1.0 : 0.0, r.beta1, r.beta2, r.eps, r.decoupled ? 1.0 : 0.0,
                       1.0 - r.beta1, 1.0 - r.beta2, 1.0 - r.lr * r.weight_decay},
                      per_step};
  }
  std::string valid;
  for (const std::string& name : gpu_basin_methods()) valid += (valid.empty() ? "" : ", ") + name;
  return Error{"the GPU's basin maps step " + valid + " only (as set, with no schedule), not " + optimizer.name()};
}

// Per start: the point, its gradient and the rule's memory (two per coordinate), then steps, status and
// steps outside the domain. u_mode 0 judges the starts (start_at), 1 takes up to
// kStepsPerDispatch steps (take_step), counting the starts still running in u_running.
constexpr const char* kMain = R"GLSL(
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer Reals { LOSSCAPE_REAL reals[]; };   // 8 per start: p, g, s (x0 x1 y0 y1)
layout(std430, binding = 1) buffer Counts { uint counts[]; };           // 3 per start
layout(std430, binding = 2) buffer Running { uint u_running; };
uniform uint u_cells;
uniform int u_mode;
uniform uint u_max_steps;
uniform uint u_max_outside;
uniform LOSSCAPE_REAL u_domain[4];  // x_min, x_max, y_min, y_max
uniform LOSSCAPE_REAL u_box[4];     // divergence_box()
uniform LOSSCAPE_REAL u_gradient_tolerance;
uniform LOSSCAPE_REAL u_step_tolerance;  // step_tolerance times the domain's size
const uint RUNNING = 0u, CONVERGED = 1u, DIVERGED = 2u, LEFT_DOMAIN = 3u, UNDEFINED = 4u;

bool finite(LOSSCAPE_REAL v) { return !losscape_isnan(v) && !losscape_isinf(v); }
bool within(LOSSCAPE_REAL2 p, LOSSCAPE_REAL b[4]) { return p.x >= b[0] && p.x <= b[1] && p.y >= b[2] && p.y <= b[3]; }
LOSSCAPE_REAL norm(LOSSCAPE_REAL2 v) {
  precise LOSSCAPE_REAL n = sqrt(v.x * v.x + v.y * v.y);
  return n;
}

void main() {
  uint c = gl_GlobalInvocationID.x;
  if (c >= u_cells) return;
  uint r = 8u * c;
  LOSSCAPE_REAL2 p = LOSSCAPE_REAL2(reals[r], reals[r + 1u]);
  if (u_mode == 0) {
    LOSSCAPE_REAL f;
    LOSSCAPE_REAL2 g;
    losscape_cost(p, f, g);
    reals[r + 2u] = g.x;
    reals[r + 3u] = g.y;
    for (uint k = 4u; k < 8u; ++k) reals[r + k] = LOSSCAPE_REAL(0.0);
    counts[3u * c] = 0u;
    counts[3u * c + 1u] = finite(f) && finite(g.x) && finite(g.y) ? RUNNING : UNDEFINED;
    counts[3u * c + 2u] = 0u;
    return;
  }
  uint status = counts[3u * c + 1u];
  uint steps = counts[3u * c];
  if (status != RUNNING || steps >= u_max_steps) return;
  LOSSCAPE_REAL2 g = LOSSCAPE_REAL2(reals[r + 2u], reals[r + 3u]);
  LOSSCAPE_REAL sx0 = reals[r + 4u], sx1 = reals[r + 5u], sy0 = reals[r + 6u], sy1 = reals[r + 7u];
  uint outside = counts[3u * c + 2u];
  for (int k = 0; k < STEPS_PER_DISPATCH && status == RUNNING && steps < u_max_steps; ++k) {
    LOSSCAPE_REAL2 next = LOSSCAPE_REAL2(basin_next(p.x, g.x, sx0, sx1, steps), basin_next(p.y, g.y, sy0, sy1, steps));
    if (!finite(next.x) || !finite(next.y) || !within(next, u_box)) {
      status = DIVERGED;
      break;
    }
    LOSSCAPE_REAL f;
    LOSSCAPE_REAL2 gn;
    losscape_cost(next, f, gn);
    if (!finite(f) || !finite(gn.x) || !finite(gn.y)) {
      status = losscape_isnan(f) || losscape_isnan(gn.x) || losscape_isnan(gn.y) ? UNDEFINED : DIVERGED;
      break;
    }
    LOSSCAPE_REAL step_length = norm(next - p);
    bool inside = within(next, u_domain);
    p = next;
    g = gn;
    outside = inside ? 0u : outside + 1u;
    steps += 1u;
    if (norm(g) <= u_gradient_tolerance && step_length <= u_step_tolerance) {
      status = inside ? CONVERGED : LEFT_DOMAIN;
    } else if (outside > u_max_outside) {
      status = LEFT_DOMAIN;
    }
  }
  reals[r] = p.x;
  reals[r + 1u] = p.y;
  reals[r + 2u] = g.x;
  reals[r + 3u] = g.y;
  reals[r + 4u] = sx0;
  reals[r + 5u] = sx1;
  reals[r + 6u] = sy0;
  reals[r + 7u] = sy1;
  counts[3u * c] = steps;
  counts[3u * c + 1u] = status;
  counts[3u * c + 2u] = outside;
  if (status == RUNNING && steps < u_max_steps) atomicAdd(u_running, 1u);
}
)GLSL";

class Uniforms {
 public:
  Uniforms(GLuint program, GlslPrecision precision) : program_(program), fp64_(precision == GlslPrecision::fp64) {}
  void reals(const char* name, const std::vector<double>& values) const {
    const GLint at = glGetUniformLocation(program_, name);
    if (fp64_) {
      glUniform1dv(at, static_cast<GLsizei>(values.size()), values.data());
    } else {
      std::vector<float> narrow(values.begin(), values.end());
      glUniform1fv(at, static_cast<GLsizei>(narrow.size()), narrow.data());
    }
  }
  void uint(const char* name, std::uint64_t value) const {
    glUniform1ui(glGetUniformLocation(program_, name),
                 static_cast<GLuint>(std::min<std::uint64_t>(value, 0xffffffffu)));
  }
  void integer(const char* name, int value) const { glUniform1i(glGetUniformLocation(program_, name), value); }

 private:
  GLuint program_;
  bool fp64_;
};

}  // namespace

Status gpu_basins_can_step(const Optimizer& optimizer) {
  Result<RuleChoice> rule = choose_rule(optimizer);
  if (!rule) return Error{rule.error()};
  return {};
}

const std::vector<std::string>& gpu_basin_methods() {
  static const std::vector<std::string> names = {"gd", "momentum", "nesterov", "adam", "adamw"};
  return names;
}

Result<BasinMap> compute_basins_on_gpu(const CostFunction& cost, const Optimizer& prototype,
                                       const BasinSettings& settings) {
  // The code below keeps float's paths (the buffers' layout, the uniforms) for a later float
  // map with its own convergence rule; today's maps are double.
  constexpr GlslPrecision precision = GlslPrecision::fp64;
  const auto started = std::chrono::steady_clock::now();
  Result<RuleChoice> rule = choose_rule(prototype);
  if (!rule) return Error{rule.error()};
  Result<std::string> glsl = cost_glsl(cost, precision);
  if (!glsl) return Error{glsl.error()};
  const std::string source = std::string(compute_shader_version()) + *glsl +
                             "uniform LOSSCAPE_REAL u_rule[10];\nuniform LOSSCAPE_REAL u_step[" +
                             std::to_string(2 * kStepsPerDispatch) + "];\nuniform uint u_first_step;\n" + rule->glsl +
                             "#define STEPS_PER_DISPATCH " + std::to_string(kStepsPerDispatch) + "\n" + kMain;
  auto program = single_stage_program(GL_COMPUTE_SHADER, source, "basin map");
  if (!program) return Error{program.error()};

  BasinMap map = unfilled_basin_map(cost, settings);
  const std::size_t n = map.label.size();

  const Domain box = divergence_box(map.domain, settings.limits);
  const Uniforms uniforms(program->id(), precision);
  glUseProgram(program->id());
  uniforms.reals("u_rule", rule->uniforms);
  uniforms.reals("u_domain", {map.domain.x_min, map.domain.x_max, map.domain.y_min, map.domain.y_max});
  uniforms.reals("u_box", {box.x_min, box.x_max, box.y_min, box.y_max});
  uniforms.reals("u_gradient_tolerance", {settings.limits.gradient_tolerance});
  uniforms.reals("u_step_tolerance",
                 {settings.limits.step_tolerance * std::max(map.domain.width(), map.domain.height())});
  uniforms.uint("u_max_steps", settings.max_steps);
  uniforms.uint("u_max_outside", settings.limits.max_steps_outside_domain);

  // Whole rows per range, at most kGpuBasinTileCells starts.
  const std::size_t grid = static_cast<std::size_t>(map.grid);
  const std::size_t rows_per_tile = std::max<std::size_t>(1, kGpuBasinTileCells / grid);
  const std::size_t real = precision == GlslPrecision::fp64 ? sizeof(double) : sizeof(float);
  const std::size_t tile_cells = std::min(n, rows_per_tile * grid);
  gl::Buffer reals = gl::make_buffer(), counts = gl::make_buffer(), running = gl::make_buffer();
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, reals.id());
  glBufferData(GL_SHADER_STORAGE_BUFFER, static_cast<GLsizeiptr>(8 * tile_cells * real), nullptr, GL_DYNAMIC_COPY);
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, counts.id());
  glBufferData(GL_SHADER_STORAGE_BUFFER, static_cast<GLsizeiptr>(3 * tile_cells * sizeof(GLuint)), nullptr,
               GL_DYNAMIC_COPY);
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, running.id());
  glBufferData(GL_SHADER_STORAGE_BUFFER, sizeof(GLuint), nullptr, GL_DYNAMIC_COPY);
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, reals.id());
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, counts.id());
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 2, running.id());

  std::vector<unsigned char> bytes(8 * tile_cells * real);
  std::vector<GLuint> count_values(3 * tile_cells);
  for (std::size_t first_row = 0; first_row < grid; first_row += rows_per_tile) {
    const std::size_t rows = std::min(rows_per_tile, grid - first_row), cells = rows * grid;
    const std::size_t offset = first_row * grid;
    // The starts, as BasinMap::start() places them, in the precision's numbers.
    for (std::size_t k = 0; k < cells; ++k) {
      const glm::dvec2 s = map.start(static_cast<int>((offset + k) % grid), static_cast<int>((offset + k) / grid));
      if (precision == GlslPrecision::fp64) {
        std::memcpy(&bytes[8 * k * real], &s.x, sizeof(double));
        std::memcpy(&bytes[(8 * k + 1) * real], &s.y, sizeof(double));
      } else {
        const float x = static_cast<float>(s.x), y = static_cast<float>(s.y);
        std::memcpy(&bytes[8 * k * real], &x, sizeof x);
        std::memcpy(&bytes[(8 * k + 1) * real], &y, sizeof y);
      }
    }
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, reals.id());
    glBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, static_cast<GLsizeiptr>(8 * cells * real), bytes.data());
    uniforms.uint("u_cells", cells);
    const auto groups = static_cast<GLuint>((cells + kGroupSize - 1) / kGroupSize);
    uniforms.integer("u_mode", 0);
    glDispatchCompute(groups, 1, 1);
    // The read-back too: with a step limit of 0 no step dispatch (and its barrier) follows.
    glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT | GL_BUFFER_UPDATE_BARRIER_BIT);
    uniforms.integer("u_mode", 1);
    for (std::size_t done = 0; done < settings.max_steps; done += static_cast<std::size_t>(kStepsPerDispatch)) {
      uniforms.uint("u_first_step", done);
      uniforms.reals("u_step", rule->per_step(done, static_cast<std::size_t>(kStepsPerDispatch)));
      const GLuint zero = 0;
      glBindBuffer(GL_SHADER_STORAGE_BUFFER, running.id());
      glBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, sizeof zero, &zero);
      glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT | GL_BUFFER_UPDATE_BARRIER_BIT);
      glDispatchCompute(groups, 1, 1);
      glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT | GL_BUFFER_UPDATE_BARRIER_BIT);
      GLuint still_running = 0;
      glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, sizeof still_running, &still_running);
      if (still_running == 0) break;
    }
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, reals.id());
    glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, static_cast<GLsizeiptr>(8 * cells * real), bytes.data());
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, counts.id());
    glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, static_cast<GLsizeiptr>(3 * cells * sizeof(GLuint)),
                       count_values.data());
    for (std::size_t k = 0; k < cells; ++k) {
      glm::dvec2 end;
      if (precision == GlslPrecision::fp64) {
        std::memcpy(&end.x, &bytes[8 * k * real], sizeof(double));
        std::memcpy(&end.y, &bytes[(8 * k + 1) * real], sizeof(double));
      } else {
        float x = 0, y = 0;
        std::memcpy(&x, &bytes[8 * k * real], sizeof x);
        std::memcpy(&y, &bytes[(8 * k + 1) * real], sizeof y);
        end = {x, y};
      }
      map.end[offset + k] = end;
      map.steps[offset + k] = count_values[3 * k];
      map.status[offset + k] = static_cast<BallStatus>(count_values[3 * k + 1]);
    }
  }
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
  glUseProgram(0);
  label_basin_map(cost, map);
  map.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return map;
}

}  // namespace losscape
