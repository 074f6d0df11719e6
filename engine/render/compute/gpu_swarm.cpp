#include "engine/render/compute/gpu_swarm.hpp"

#include "engine/core/glsl/cost_glsl.hpp"
#include "engine/render/compute/compute_support.hpp"
#include "engine/render/compute/step_rules_glsl.hpp"
#include "engine/render/compute/swarm_rules.hpp"
#include "engine/render/shader.hpp"

#include <algorithm>
#include <string>

namespace losscape {
namespace {

constexpr GLuint kGroupSize = 64;
enum Mode { kStart = 0, kStep = 1, kLabel = 2 };
enum Binding : GLuint {
  kPositions = 0,
  kValues = 1,
  kGradients = 2,
  kStates = 3,
  kStatuses = 4,
  kLabels = 5,
  kRunning = 6,
  kMinima = 7
};

// One ball's start and step under the step rules (step_rules_glsl.hpp); a status word keeps the
// steps outside the domain above its three status bits.
constexpr const char* kStepRules = R"(
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer Positions { REAL2 position[]; };
layout(std430, binding = 1) buffer Values { REAL value[]; };
layout(std430, binding = 2) buffer Gradients { REAL2 gradient[]; };
layout(std430, binding = 3) buffer States { REAL state[]; };  // [ball][coordinate][SWARM_STATE]
layout(std430, binding = 4) buffer Statuses { uint status[]; };
layout(std430, binding = 5) buffer Labels { int label[]; };
layout(std430, binding = 6) buffer Running { uint running; };
layout(std430, binding = 7) readonly buffer Minima { REAL2 minimum[]; };
uniform uint u_count;
uniform int u_mode;  // 0: start, 1: one step, 2: label again
uniform uint u_minima;
uniform REAL u_radius;  // MinimumCatalogue::radius()

// MinimumCatalogue::find for a converged ball, else its BasinOutcome.
int label_of(uint i, uint s) {
  if (s == RUNNING) return -2;
  if (s == DIVERGED) return -1;
  if (s == UNDEFINED) return -3;
  if (s == LEFT_DOMAIN) return -4;
  for (uint m = 0u; m < u_minima; ++m) {
    precise REAL2 d = position[i] - minimum[m];
    if (length_of(d) <= u_radius) return int(m);
  }
  return -5;  // kUnnamedMinimum
}

uint start(uint i) {
  REAL2 p = position[i];
  REAL f;
  REAL2 g;
  losscape_cost(p, f, g);
  value[i] = f;
  gradient[i] = g;
  return judge_start(p, f, g);
}

uint step(uint i, inout uint outside) {
  REAL2 p = position[i], g = gradient[i];
  REAL f = value[i];
  REAL sx[SWARM_STATE], sy[SWARM_STATE];
  uint at = i * uint(2 * SWARM_STATE);
  for (int k = 0; k < SWARM_STATE; ++k) {
    sx[k] = state[at + uint(k)];
    sy[k] = state[at + uint(SWARM_STATE + k)];
  }
  REAL2 next = REAL2(swarm_next(p.x, g.x, sx), swarm_next(p.y, g.y, sy));
  for (int k = 0; k < SWARM_STATE; ++k) {
    state[at + uint(k)] = sx[k];
    state[at + uint(SWARM_STATE + k)] = sy[k];
  }
  uint s = step_to(next, p, f, g, outside);
  position[i] = p;
  value[i] = f;
  gradient[i] = g;
  return s;
}

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= u_count) return;
  uint s = status[i] & 7u, outside = status[i] >> 3;
  if (u_mode == 0) {
    s = start(i);
    outside = 0u;
  } else if (u_mode == 1) {
    if (s != RUNNING) return;
    s = step(i, outside);
  }
  status[i] = s | (outside << 3);
  label[i] = label_of(i, s);
  if (s == RUNNING) atomicAdd(running, 1u);
}
)";

template <class T>
void fill(gl::Buffer& buffer, const std::vector<T>& data) {
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffer.id());
  glBufferData(GL_SHADER_STORAGE_BUFFER, static_cast<GLsizeiptr>(data.size() * sizeof(T)), data.data(),
               GL_DYNAMIC_COPY);
}

template <class T>
std::vector<T> read(const gl::Buffer& buffer, std::size_t count) {
  std::vector<T> out(count);
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffer.id());
  glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, static_cast<GLsizeiptr>(count * sizeof(T)), out.data());
  return out;
}

void set_doubles(GLuint program, const char* name, const double* values, GLsizei count) {
  glUniform1dv(glGetUniformLocation(program, name), count, values);
}

}  // namespace

Status compute_shaders_available() {
  const ComputeSupport support = query_compute_support();
  if (!support.compute) return Error{support.missing};
  return {};
}

Result<std::unique_ptr<GpuSwarm>> GpuSwarm::create(const CostFunction& cost, const std::vector<glm::dvec2>& starts,
                                                   const Optimizer& prototype, const SimulationSettings& settings) {
  if (Status available = compute_shaders_available(); !available) return Error{available.error()};
  if (settings.noise.active()) return Error{"gradient noise and minibatches are not on the GPU"};
  const auto rule = swarm_rule_glsl(prototype, driver_fma_rounds_once());
  if (!rule) return Error{rule.error()};
  const auto cost_source = cost_glsl(cost, GlslPrecision::fp64);
  if (!cost_source) return Error{cost_source.error()};
  const std::string source = compute_shader_version() + *cost_source +
                             "#define REAL LOSSCAPE_REAL\n#define REAL2 LOSSCAPE_REAL2\nuniform REAL u_rule[" +
                             std::to_string(kSwarmRuleUniforms) + "];\n" + rule->source + step_rules_glsl() +
                             kStepRules;
  auto program = single_stage_program(GL_COMPUTE_SHADER, source, "gpu swarm (" + prototype.name() + ")");
  if (!program) return Error{program.error()};

  std::unique_ptr<GpuSwarm> swarm(new GpuSwarm());
  swarm->program_ = std::move(*program);
  swarm->prototype_ = prototype.clone();
  swarm->starts_ = starts;
  swarm->count_ = starts.size();
  swarm->state_size_ = rule->state_size;
  for (gl::Buffer* b : {&swarm->position_, &swarm->value_, &swarm->gradient_, &swarm->state_, &swarm->status_,
                        &swarm->label_, &swarm->running_count_, &swarm->minima_}) {
    *b = gl::make_buffer();
  }
  const GLuint id = swarm->program_.id();
  set_step_rule_uniforms(id, cost.domain(), settings);
  glUniform1ui(glGetUniformLocation(id, "u_count"), static_cast<GLuint>(swarm->count_));
  swarm->label(MinimumCatalogue(cost));
  swarm->reset();
  return swarm;
}

void GpuSwarm::label(const MinimumCatalogue& minima) {
  std::vector<glm::dvec2> positions;
  for (const NamedMinimum& m : minima.minima()) positions.push_back(m.position);
  labelled_against_ = positions;
  if (positions.empty()) positions.emplace_back(0.0);  // a buffer may not be empty
  fill(minima_, positions);
  minima_count_ = minima.size();
  glUseProgram(program_.id());
  glUniform1ui(glGetUniformLocation(program_.id(), "u_minima"), static_cast<GLuint>(minima_count_));
  glUniform1d(glGetUniformLocation(program_.id(), "u_radius"), minima.radius());
}

void GpuSwarm::reset() {
  fill(position_, starts_);
  fill(value_, std::vector<double>(count_));
  fill(gradient_, std::vector<glm::dvec2>(count_));
  fill(state_, std::vector<double>(count_ * 2 * state_size_, 0.0));
  fill(status_, std::vector<std::uint32_t>(count_));
  fill(label_, std::vector<std::int32_t>(count_));
  steps_ = 0;
  counted_.reset();
  dispatch(kStart);
}

void GpuSwarm::dispatch(int mode) {
  const GLuint id = program_.id();
  glUseProgram(id);
  glUniform1i(glGetUniformLocation(id, "u_mode"), mode);
  if (mode == kStep) {
    const std::vector<double> u = swarm_rule_uniforms(*prototype_, static_cast<double>(steps_ + 1));
    set_doubles(id, "u_rule", u.data(), static_cast<GLsizei>(u.size()));
  }
  const std::uint32_t zero = 0;
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, running_count_.id());
  glBufferData(GL_SHADER_STORAGE_BUFFER, sizeof zero, &zero, GL_DYNAMIC_COPY);
  const std::pair<Binding, const gl::Buffer*> bindings[] = {
      {kPositions, &position_}, {kValues, &value_}, {kGradients, &gradient_},    {kStates, &state_},
      {kStatuses, &status_},    {kLabels, &label_}, {kRunning, &running_count_}, {kMinima, &minima_}};
  for (const auto& [binding, buffer] : bindings) glBindBufferBase(GL_SHADER_STORAGE_BUFFER, binding, buffer->id());
  glDispatchCompute(static_cast<GLuint>((count_ + kGroupSize - 1) / kGroupSize), 1, 1);
  glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT | GL_BUFFER_UPDATE_BARRIER_BIT | GL_VERTEX_ATTRIB_ARRAY_BARRIER_BIT);
  if (mode == kStep) ++steps_;
  running_ = read<std::uint32_t>(running_count_, 1)[0];
}

void GpuSwarm::step(std::size_t steps) {
  for (std::size_t i = 0; i < steps && running_ > 0; ++i) dispatch(kStep);
}

std::vector<GpuSwarm::Member> GpuSwarm::read_back() const {
  const auto positions = read<glm::dvec2>(position_, count_);
  const auto values = read<double>(value_, count_);
  const auto gradients = read<glm::dvec2>(gradient_, count_);
  const auto statuses = read<std::uint32_t>(status_, count_);
  const auto labels = read<std::int32_t>(label_, count_);
  std::vector<Member> members(count_);
  for (std::size_t i = 0; i < count_; ++i) {
    members[i].point = {positions[i], values[i], gradients[i], statuses[i] >> 3};
    members[i].status = static_cast<BallStatus>(statuses[i] & 7u);
    members[i].label = labels[i];
  }
  return members;
}

SwarmCounts GpuSwarm::counts(MinimumCatalogue& minima) {
  // The overlay asks every frame: read back only after the balls moved or the minima changed.
  if (counted_ && counted_at_ == steps_ && minima.size() == minima_count_) return *counted_;
  if (minima.size() != minima_count_) relabel(minima);
  std::vector<std::int32_t> labels = read<std::int32_t>(label_, count_);
  if (std::find(labels.begin(), labels.end(), kUnnamedMinimum) != labels.end()) {
    // Ends where no minimum is listed yet: named on the CPU as a CPU swarm names them, in the
    // members' order, then every member labelled again against the longer list.
    const auto positions = read<glm::dvec2>(position_, count_);
    const auto values = read<double>(value_, count_);
    for (std::size_t i = 0; i < count_; ++i) {
      if (labels[i] == kUnnamedMinimum) labels[i] = minima.find_or_add(positions[i], values[i]);
    }
    label(minima);
    dispatch(kLabel);
  }
  SwarmCounts counts;
  counts.total = count_;
  counts.per_minimum.assign(minima.size(), 0);
  for (const std::int32_t l : labels) {
    if (l >= 0) ++counts.per_minimum[static_cast<std::size_t>(l)];
    else if (l == kNotConverged) ++counts.running;
    else if (l == kDiverged) ++counts.diverged;
    else ++counts.other;
  }
  counted_ = counts;
  counted_at_ = steps_;
  return counts;
}

void GpuSwarm::relabel(const MinimumCatalogue& minima) {
  std::vector<glm::dvec2> positions;
  for (const NamedMinimum& m : minima.minima()) positions.push_back(m.position);
  if (positions == labelled_against_) return;
  label(minima);
  dispatch(kLabel);
  counted_.reset();
}

std::string GpuSwarm::description() const {
  return std::to_string(count_) + " balls on the GPU (compute shaders, double precision)";
}

void GpuSwarm::bind_for_drawing() const {
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, kPositions, position_.id());
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, kValues, value_.id());
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, kGradients, gradient_.id());
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, kLabels, label_.id());
}

std::string use_gpu_swarms_in_this_context() {
  if (Status available = compute_shaders_available(); !available) {
    set_swarm_acceleration({nullptr, available.error()});
    return available.error();
  }
  set_swarm_acceleration(
      {[](const CostFunction& cost, const std::vector<glm::dvec2>& starts, const Optimizer& prototype,
          const SimulationSettings& settings) -> Result<std::unique_ptr<SwarmAccelerator>> {
         auto swarm = GpuSwarm::create(cost, starts, prototype, settings);
         if (!swarm) return Error{swarm.error()};
         return std::unique_ptr<SwarmAccelerator>(std::move(*swarm));
       },
       {}});
  return {};
}

}  // namespace losscape
