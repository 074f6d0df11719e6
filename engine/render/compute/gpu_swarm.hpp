#pragma once
// A swarm stepped by a compute shader (GL 4.3): one invocation per ball, every ball's point,
// gradient, method memory and status in shader storage buffers, in double precision (core since
// GL 4.0, so every context with compute shaders has it). Each step is the CPU's: the method's
// rule (swarm_rules.hpp) and the step rules of engine/core/step_rules.cpp (step_rules_glsl.hpp:
// divergence box, undefined points, convergence, leaving the domain), in the same order of
// operations. Nothing is read back per step but one count (are any still running?); the balls
// are drawn from the buffers (gpu_swarm_renderer.hpp) and the statistics read back only when
// asked for.
#include "engine/core/step_rules.hpp"
#include "engine/render/compute/use_gpu_swarms.hpp"
#include "engine/render/gl_resources.hpp"
#include "engine/sim/minimum_catalogue.hpp"
#include "engine/sim/simulation.hpp"
#include "engine/sim/swarm_accelerator.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace losscape {

// Whether the current context can run GPU swarms (query_compute_support: compute shaders, so
// doubles too): empty, or one line saying why not.
Status compute_shaders_available();

// The label a converged member gets on the GPU when it rests where no listed minimum is (yet):
// counts() names it on the CPU.
inline constexpr std::int32_t kUnnamedMinimum = -5;

class GpuSwarm final : public SwarmAccelerator {
 public:
  // With a context current; an Error (one line) where the function has no GLSL, the method no
  // GPU rule, the settings add gradient noise, or compute shaders are missing.
  static Result<std::unique_ptr<GpuSwarm>> create(const CostFunction& cost, const std::vector<glm::dvec2>& starts,
                                                  const Optimizer& prototype, const SimulationSettings& settings);

  std::size_t size() const override { return count_; }
  void reset() override;
  void step(std::size_t steps) override;
  bool any_running() const override { return running_ > 0; }
  SwarmCounts counts(MinimumCatalogue& minima) override;
  void relabel(const MinimumCatalogue& minima) override;
  std::string description() const override;

  // Every member as the CPU keeps a ball (read back: for tests).
  struct Member {
    TrackedPoint point;
    BallStatus status = BallStatus::running;
    std::int32_t label = kNotConverged;
  };
  std::vector<Member> read_back() const;
  std::size_t steps_taken() const { return steps_; }

  // The buffers the renderer draws from: positions (dvec2), values (double), gradients (dvec2),
  // labels (int: a minimum's index or a BasinOutcome), bound at bindings 0, 1, 2 and 5.
  void bind_for_drawing() const;
  // The minima the labels index (their colours), as last named.
  std::size_t labelled_minima() const { return minima_count_; }

 private:
  GpuSwarm() = default;
  void dispatch(int mode);
  // Labels every member against `minima` (on the GPU).
  void label(const MinimumCatalogue& minima);

  std::shared_ptr<const Optimizer> prototype_;
  std::vector<glm::dvec2> starts_;
  std::size_t count_ = 0, steps_ = 0, state_size_ = 1;
  std::uint32_t running_ = 0;
  std::size_t minima_count_ = 0;
  std::vector<glm::dvec2> labelled_against_;  // the minima's positions the labels index
  std::optional<SwarmCounts> counted_;        // as last read back, after step counted_at_
  std::size_t counted_at_ = 0;
  gl::Program program_;
  gl::Buffer position_, value_, gradient_, state_, status_, label_, running_count_, minima_;
};

}  // namespace losscape
