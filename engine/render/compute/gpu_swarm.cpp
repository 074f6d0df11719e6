#include "engine/render/compute/gpu_swarm.hpp"

#include "engine/core/glsl/cost_glsl.hpp"
#include "engine/render/compute/compute_support.hpp"
#include "engine/render/compute/step_rules_glsl.hpp"
#include "engine/render/compute/storage_buffers.hpp"
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
// steps outside the domain above its three status bits. The running members are counted on the
// GPU, in turn into running[0] and running[1] (u_slot: the start's count is slot 0's, step j's
// slot j % 2), and a step counts as taken (steps_taken) when a member ran after the one before:
// so the CPU issues its steps back to back, reading nothing between them, and any number of them
// after the last member stopped changes nothing, the step count included.
constexpr const char* kStepRules = R"(
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer Positions { REAL2 position[]; };
layout(std430, binding = 1) buffer Values { REAL value[]; };
layout(std430, binding = 2) buffer Gradients { REAL2 gradient[]; };
layout(std430, binding = 3) buffer States { REAL state[]; };  // [ball][coordinate][SWARM_STATE]
layout(std430, binding = 4) buffer Statuses { uint status[]; };
layout(std430, binding = 5) buffer Labels { int label[]; };
layout(std430, binding = 6) buffer Running { uint running[2]; uint steps_taken; };
layout(std430, binding = 7) readonly buffer Minima { REAL2 minimum[]; };
uniform uint u_count;
uniform int u_mode;  // 0: start, 1: one step, 2: label again
uniform uint u_slot;  // the running count this start or step makes (cleared before it)
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
  if (i == 0u && u_mode == 1 && running[1u - u_slot] > 0u) steps_taken += 1u;
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
  if (s == RUNNING && u_mode != 2) atomicAdd(running[u_slot], 1u);
}
)";

// The running-count buffer: running[2], then steps_taken (kStepRules' Running).
constexpr std::size_t kStepsTakenOffset = 2 * sizeof(std::uint32_t);
constexpr std::size_t kRunningBytes = 3 * sizeof(std::uint32_t);

std::vector<glm::dvec2> positions_of(const MinimumCatalogue& minima) {
  std::vector<glm::dvec2> positions;
  for (const NamedMinimum& m : minima.minima()) positions.push_back(m.position);
  return positions;
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
  const std::string source = stepping_shader_preamble(*cost_source, *rule, RuleNumbers::uniform) + kStepRules;
  auto program = single_stage_program(GL_COMPUTE_SHADER, source, "gpu swarm (" + prototype.name() + ")");
  if (!program) return Error{program.error()};

  std::unique_ptr<GpuSwarm> swarm(new GpuSwarm());
  GpuSwarm& s = *swarm;
  s.program_ = std::move(*program);
  s.prototype_ = prototype.clone();
  s.starts_ = starts;
  s.count_ = starts.size();
  s.state_size_ = rule->state_size;
  // Made once: reset() and the steps write into them, never reallocate them.
  s.position_ = storage_buffer(s.count_ * sizeof(glm::dvec2));
  s.value_ = storage_buffer(s.count_ * sizeof(double));
  s.gradient_ = storage_buffer(s.count_ * sizeof(glm::dvec2));
  s.state_ = storage_buffer(s.count_ * 2 * s.state_size_ * sizeof(double));
  s.status_ = storage_buffer(s.count_ * sizeof(std::uint32_t));
  s.label_ = storage_buffer(s.count_ * sizeof(std::int32_t));
  s.running_count_ = storage_buffer(kRunningBytes);
  const GLuint id = s.program_.id();
  const auto at = [id](const char* name) { return glGetUniformLocation(id, name); };
  s.uniforms_ = {at("u_mode"), at("u_slot"), at("u_rule"), at("u_minima"), at("u_radius")};
  set_step_rule_uniforms(id, cost.domain(), settings);
  glUniform1ui(at("u_count"), static_cast<GLuint>(s.count_));
  s.label(MinimumCatalogue(cost));
  s.reset();
  return swarm;
}

void GpuSwarm::label(const MinimumCatalogue& minima) {
  labelled_against_ = positions_of(minima);
  minima_ = storage_buffer(labelled_against_);
  minima_count_ = minima.size();
  glUseProgram(program_.id());
  glUniform1ui(uniforms_.minima, static_cast<GLuint>(minima_count_));
  glUniform1d(uniforms_.radius, minima.radius());
}

void GpuSwarm::reset() {
  // The start (kStart) writes every member's value, gradient, status and label: only the points
  // are uploaded, and the methods' memory and the counts cleared on the GPU.
  write_buffer(position_, starts_);
  clear_buffer(state_);
  clear_buffer(running_count_);
  running_.drop();
  dispatched_ = 0;
  stopped_ = false;
  uploaded_rule_.clear();
  counted_.reset();
  bind_buffers();
  dispatch(kStart);
  running_.copy(running_count_, 0);
}

void GpuSwarm::bind_buffers() const {
  glUseProgram(program_.id());
  const std::pair<Binding, const gl::Buffer*> bindings[] = {
      {kPositions, &position_}, {kValues, &value_}, {kGradients, &gradient_},    {kStates, &state_},
      {kStatuses, &status_},    {kLabels, &label_}, {kRunning, &running_count_}, {kMinima, &minima_}};
  for (const auto& [binding, buffer] : bindings) glBindBufferBase(GL_SHADER_STORAGE_BUFFER, binding, buffer->id());
}

void GpuSwarm::dispatch(int mode) {
  glUniform1i(uniforms_.mode, mode);
  if (mode != kLabel) {
    // The start counts into slot 0, step j into slot j % 2, cleared first (4 bytes, on the GPU).
    const std::size_t slot = dispatched_ % 2;
    clear_buffer(running_count_, slot * sizeof(std::uint32_t), sizeof(std::uint32_t));
    glUniform1ui(uniforms_.slot, static_cast<GLuint>(slot));
  }
  glDispatchCompute(static_cast<GLuint>((count_ + kGroupSize - 1) / kGroupSize), 1, 1);
  glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT | GL_BUFFER_UPDATE_BARRIER_BIT | GL_VERTEX_ATTRIB_ARRAY_BARRIER_BIT);
}

void GpuSwarm::learn_whether_running() const {
  if (const std::optional<std::uint32_t> running = running_.newest(); running && *running == 0) stopped_ = true;
}

bool GpuSwarm::any_running() const {
  learn_whether_running();
  return !stopped_;
}

void GpuSwarm::step(std::size_t steps) {
  for (std::size_t i = 0; i < steps; ++i) {
    // Each step's count is copied back behind a fence and taken here once it has arrived, never
    // waited for: on llvmpipe it has (its dispatches finish before they return), so the steps end
    // where the last member stopped; on a GPU a few more may go out, moving no one.
    learn_whether_running();
    if (stopped_) return;
    if (i == 0) bind_buffers();
    issue_step();
  }
}

void GpuSwarm::step_as_if_counts_were_late(std::size_t steps) {
  bind_buffers();
  for (std::size_t i = 0; i < steps; ++i) issue_step();
}

void GpuSwarm::issue_step() {
  ++dispatched_;
  // The rule's numbers of this step (Adam's bias corrections change every step; gd's never do,
  // and are not sent again).
  const std::vector<double> rule = swarm_rule_uniforms(*prototype_, static_cast<double>(dispatched_));
  if (rule != uploaded_rule_) {
    glUniform1dv(uniforms_.rule, static_cast<GLsizei>(rule.size()), rule.data());
    uploaded_rule_ = rule;
  }
  dispatch(kStep);
  running_.copy(running_count_, (dispatched_ % 2) * sizeof(std::uint32_t));
}

std::size_t GpuSwarm::steps_taken() const {
  return read_buffer<std::uint32_t>(running_count_, 1, kStepsTakenOffset / sizeof(std::uint32_t))[0];
}

std::vector<GpuSwarm::Member> GpuSwarm::read_back() const {
  const auto positions = read_buffer<glm::dvec2>(position_, count_);
  const auto values = read_buffer<double>(value_, count_);
  const auto gradients = read_buffer<glm::dvec2>(gradient_, count_);
  const auto statuses = read_buffer<std::uint32_t>(status_, count_);
  const auto labels = read_buffer<std::int32_t>(label_, count_);
  std::vector<Member> members(count_);
  for (std::size_t i = 0; i < count_; ++i) {
    members[i].point = {positions[i], values[i], gradients[i], statuses[i] >> 3};
    members[i].status = static_cast<BallStatus>(statuses[i] & 7u);
    members[i].label = labels[i];
  }
  return members;
}

SwarmCounts GpuSwarm::counts(MinimumCatalogue& minima) {
  // The overlay asks every frame: read back only after the balls may have moved (a step was
  // issued and not all had stopped before it) or the minima changed.
  const bool moved = counted_at_ != dispatched_ && counted_at_ != kCountedForGood;
  if (counted_ && !moved && minima.size() == minima_count_) return *counted_;
  if (minima.size() != minima_count_) relabel(minima);
  std::vector<std::int32_t> labels = read_buffer<std::int32_t>(label_, count_);
  if (std::find(labels.begin(), labels.end(), kUnnamedMinimum) != labels.end()) {
    // Ends where no minimum is listed yet: named on the CPU as a CPU swarm names them, in the
    // members' order, then every member labelled again against the longer list.
    const auto positions = read_buffer<glm::dvec2>(position_, count_);
    const auto values = read_buffer<double>(value_, count_);
    for (std::size_t i = 0; i < count_; ++i) {
      if (labels[i] == kUnnamedMinimum) labels[i] = minima.find_or_add(positions[i], values[i]);
    }
    label(minima);
    bind_buffers();
    dispatch(kLabel);
  }
  SwarmCounts counts;
  counts.per_minimum.assign(minima.size(), 0);
  for (const std::int32_t l : labels) counts.add(l);
  counted_ = counts;
  // Once all have stopped, later steps move no one: the counts hold until a reset.
  learn_whether_running();
  counted_at_ = stopped_ ? kCountedForGood : dispatched_;
  return counts;
}

void GpuSwarm::relabel(const MinimumCatalogue& minima) {
  if (positions_of(minima) == labelled_against_) return;
  label(minima);
  bind_buffers();
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

Status use_gpu_swarms_in_this_context(ComputeDevice device, bool software_gl) {
  if (device == ComputeDevice::cpu) return no_gpu_swarms(device, "--swarm-device cpu");
  const ComputeSupport support = query_compute_support();
  if (!support.compute) return no_gpu_swarms(device, support.missing);
  if (device == ComputeDevice::automatic && software_gl) {
    return no_gpu_swarms(device,
                         "the GL renderer, " + support.renderer +
                             ", is software GL, slower than the CPU's lanes (--swarm-device gpu runs it there)");
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
