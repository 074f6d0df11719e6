#include "engine/render/compute/gpu_basins.hpp"

#include "engine/render/compute/compute_support.hpp"
#include "engine/render/compute/late_readback.hpp"
#include "engine/render/compute/step_rules_glsl.hpp"
#include "engine/render/compute/storage_buffers.hpp"
#include "engine/render/compute/swarm_rules.hpp"
#include "engine/render/shader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace losscape {
namespace {

constexpr GLuint kGroupSize = 64;
constexpr int kStepsPerDispatch = 50;

// One line naming the methods the GPU steps, for a method it does not.
std::string not_stepped(const Optimizer& optimizer) {
  return "the GPU's basin maps step " + gpu_swarm_method_list() + " only (as set, with no schedule), not " +
         optimizer.described();
}

// One start's steps under the step rules (step_rules_glsl.hpp) with the method's step
// swarm_next() (swarm_rules.hpp): the GPU swarm's GLSL of both, one source for both. Per start:
// the point, its gradient, then the rule's memory (SWARM_STATE numbers per coordinate: x's, then
// y's); and steps, status and steps outside the domain. u_mode 0 judges the starts (start_at),
// 1 takes up to STEPS_PER_DISPATCH steps (take_step), counting the starts still running in
// u_running. Every running start of a map has taken the same number of steps, so the rule's
// numbers of each step (what its start_step(t) computes) are one row of `rules` per step of the
// dispatch, computed on the CPU by the C++ rule itself (swarm_rule_uniforms); swarm_next() reads
// the current step's row as u_rule[].
constexpr const char* kMain = R"GLSL(
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer Reals { REAL reals[]; };   // REALS_PER_START per start
layout(std430, binding = 1) buffer Counts { uint counts[]; };  // 3 per start
layout(std430, binding = 2) buffer Running { uint u_running; };
// SWARM_RULE_UNIFORMS numbers per step, packed in fours (std140 pads an array's elements to 4)
layout(std140, binding = 0) uniform Rules { dvec4 rules[SWARM_RULE_UNIFORMS / 4 * STEPS_PER_DISPATCH]; };
uniform uint u_cells;
uniform int u_mode;
uniform uint u_max_steps;

void main() {
  uint c = gl_GlobalInvocationID.x;
  if (c >= u_cells) return;
  uint r = uint(REALS_PER_START) * c;
  REAL2 p = REAL2(reals[r], reals[r + 1u]);
  if (u_mode == 0) {
    REAL f;
    REAL2 g;
    losscape_cost(p, f, g);
    reals[r + 2u] = g.x;
    reals[r + 3u] = g.y;
    for (uint k = 4u; k < uint(REALS_PER_START); ++k) reals[r + k] = REAL(0.0);
    counts[3u * c] = 0u;
    counts[3u * c + 1u] = judge_start(p, f, g);
    counts[3u * c + 2u] = 0u;
    return;
  }
  uint status = counts[3u * c + 1u];
  uint steps = counts[3u * c];
  if (status != RUNNING || steps >= u_max_steps) return;
  REAL2 g = REAL2(reals[r + 2u], reals[r + 3u]);
  REAL f = REAL(0);  // (f is not kept: the map names each end by its point)
  REAL sx[SWARM_STATE], sy[SWARM_STATE];
  for (int k = 0; k < SWARM_STATE; ++k) {
    sx[k] = reals[r + 4u + uint(k)];
    sy[k] = reals[r + 4u + uint(SWARM_STATE + k)];
  }
  uint outside = counts[3u * c + 2u];
  for (int k = 0; k < STEPS_PER_DISPATCH && status == RUNNING && steps < u_max_steps; ++k) {
    for (int i = 0; i < SWARM_RULE_UNIFORMS; ++i) u_rule[i] = rules[k * (SWARM_RULE_UNIFORMS / 4) + i / 4][i % 4];
    REAL2 next = REAL2(swarm_next(p.x, g.x, sx), swarm_next(p.y, g.y, sy));
    status = step_to(next, p, f, g, outside);
    if (status == DIVERGED || status == UNDEFINED) break;  // not taken
    steps += 1u;
  }
  reals[r] = p.x;
  reals[r + 1u] = p.y;
  reals[r + 2u] = g.x;
  reals[r + 3u] = g.y;
  for (int k = 0; k < SWARM_STATE; ++k) {
    reals[r + 4u + uint(k)] = sx[k];
    reals[r + 4u + uint(SWARM_STATE + k)] = sy[k];
  }
  counts[3u * c] = steps;
  counts[3u * c + 1u] = status;
  counts[3u * c + 2u] = outside;
  if (status == RUNNING && steps < u_max_steps) atomicAdd(u_running, 1u);
}
)GLSL";

class Uniforms {
 public:
  explicit Uniforms(GLuint program) : program_(program) {}
  void uint(const char* name, std::uint64_t value) const {
    glUniform1ui(glGetUniformLocation(program_, name),
                 static_cast<GLuint>(std::min<std::uint64_t>(value, 0xffffffffu)));
  }
  void integer(const char* name, int value) const { glUniform1i(glGetUniformLocation(program_, name), value); }

 private:
  GLuint program_;
};

}  // namespace

Status gpu_basins_can_step(const Optimizer& optimizer) {
  if (!swarm_rule_glsl(optimizer, false)) return Error{not_stepped(optimizer)};
  return {};
}

Result<std::string> gpu_basins_cost_source(const CostFunction& cost, const Optimizer& optimizer) {
  if (Status steps = gpu_basins_can_step(optimizer); !steps) return Error{steps.error()};
  return cost_glsl(cost, GlslPrecision::fp64);
}

Result<BasinMap> compute_basins_on_gpu(const CostFunction& cost, const Optimizer& prototype,
                                       const BasinSettings& settings, std::size_t tile_cells) {
  const Result<std::string> cost_source = gpu_basins_cost_source(cost, prototype);
  if (!cost_source) return Error{cost_source.error()};
  return compute_basins_on_gpu(cost, *cost_source, prototype, settings, tile_cells);
}

Result<BasinMap> compute_basins_on_gpu(const CostFunction& cost, const std::string& cost_source,
                                       const Optimizer& prototype, const BasinSettings& settings,
                                       std::size_t tile_cells) {
  const auto started = std::chrono::steady_clock::now();
  Result<SwarmRuleGlsl> rule = swarm_rule_glsl(prototype, driver_fma_rounds_once());
  if (!rule) return Error{not_stepped(prototype)};
  const std::size_t reals_per_start = 4 + 2 * rule->state_size;
  // u_rule[], which swarm_next() reads (a uniform in the swarm's shader), is here a variable that
  // kMain fills with each step's row of `rules`.
  const std::string source = stepping_shader_preamble(cost_source, *rule, RuleNumbers::variable) +
                             "#define STEPS_PER_DISPATCH " + std::to_string(kStepsPerDispatch) +
                             "\n#define REALS_PER_START " + std::to_string(reals_per_start) + "\n" + kMain;
  auto program = single_stage_program(GL_COMPUTE_SHADER, source, "basin map (" + prototype.name() + ")");
  if (!program) return Error{program.error()};

  BasinMap map = unfilled_basin_map(cost, settings);
  const std::size_t n = map.label.size();

  set_step_rule_uniforms(program->id(), map.domain, settings.limits);
  const Uniforms uniforms(program->id());
  uniforms.uint("u_max_steps", settings.max_steps);

  // Whole rows per range, at most tile_cells starts (or one row).
  const std::size_t grid = static_cast<std::size_t>(map.grid);
  const std::size_t rows_per_tile = std::max<std::size_t>(1, tile_cells / grid);
  tile_cells = std::min(n, rows_per_tile * grid);
  const gl::Buffer reals = storage_buffer(reals_per_start * tile_cells * sizeof(double)),
                   counts = storage_buffer(3 * tile_cells * sizeof(GLuint)), running = storage_buffer(sizeof(GLuint));
  static_assert(kSwarmRuleUniforms % 4 == 0, "the rules' rows are packed in dvec4s");
  const gl::Buffer rules =
      storage_buffer(kSwarmRuleUniforms * kStepsPerDispatch * sizeof(double), nullptr, GL_DYNAMIC_DRAW);
  // The count of starts still running after each dispatch, read back without waiting: the
  // dispatches go out back to back, and a range ends once a count of none arrives. Those issued
  // before it arrived (on a GPU; on llvmpipe it arrives at once) leave every start as it was: a
  // start that stopped or took every step returns at once.
  LateReadback still_running;
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, reals.id());
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, counts.id());
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 2, running.id());
  glBindBufferBase(GL_UNIFORM_BUFFER, 0, rules.id());

  std::vector<std::vector<double>> rules_by_dispatch;
  std::vector<double> values(reals_per_start * tile_cells);
  std::vector<GLuint> count_values(3 * tile_cells);
  for (std::size_t first_row = 0; first_row < grid; first_row += rows_per_tile) {
    const std::size_t rows = std::min(rows_per_tile, grid - first_row), cells = rows * grid;
    const std::size_t offset = first_row * grid;
    // The starts, as BasinMap::start() places them.
    for (std::size_t k = 0; k < cells; ++k) {
      const glm::dvec2 s = map.start(static_cast<int>((offset + k) % grid), static_cast<int>((offset + k) / grid));
      values[reals_per_start * k] = s.x;
      values[reals_per_start * k + 1] = s.y;
    }
    write_buffer(reals, 0, values.data(), reals_per_start * cells * sizeof(double));
    uniforms.uint("u_cells", cells);
    const auto groups = static_cast<GLuint>((cells + kGroupSize - 1) / kGroupSize);
    uniforms.integer("u_mode", 0);
    glDispatchCompute(groups, 1, 1);
    // The read-back too: with a step limit of 0 no step dispatch (and its barrier) follows.
    glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT | GL_BUFFER_UPDATE_BARRIER_BIT);
    uniforms.integer("u_mode", 1);
    for (std::size_t done = 0; done < settings.max_steps; done += static_cast<std::size_t>(kStepsPerDispatch)) {
      if (const std::optional<std::uint32_t> running_now = still_running.newest(); running_now && *running_now == 0)
        break;
      // The rule's numbers of steps done + 1 .. done + kStepsPerDispatch, one row each: the same
      // for every range of rows, so made once.
      const std::size_t dispatch = done / static_cast<std::size_t>(kStepsPerDispatch);
      if (dispatch == rules_by_dispatch.size()) {
        std::vector<double>& block = rules_by_dispatch.emplace_back();
        for (int k = 1; k <= kStepsPerDispatch; ++k) {
          const std::vector<double> row = swarm_rule_uniforms(prototype, static_cast<double>(done + k));
          block.insert(block.end(), row.begin(), row.end());
        }
      }
      write_buffer(rules, rules_by_dispatch[dispatch]);
      clear_buffer(running);
      glDispatchCompute(groups, 1, 1);
      glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT | GL_BUFFER_UPDATE_BARRIER_BIT);
      still_running.copy(running, 0);
    }
    still_running.drop();
    read_buffer(reals, 0, values.data(), reals_per_start * cells * sizeof(double));
    read_buffer(counts, 0, count_values.data(), 3 * cells * sizeof(GLuint));
    for (std::size_t k = 0; k < cells; ++k) {
      map.end[offset + k] = {values[reals_per_start * k], values[reals_per_start * k + 1]};
      map.steps[offset + k] = count_values[3 * k];
      map.status[offset + k] = static_cast<BallStatus>(count_values[3 * k + 1]);
    }
  }
  glUseProgram(0);
  label_basin_map(cost, map);
  map.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return map;
}

}  // namespace losscape
