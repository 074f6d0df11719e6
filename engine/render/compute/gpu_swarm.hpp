#pragma once
// A swarm stepped by a compute shader (GL 4.3): one invocation per ball, every ball's point,
// gradient, method memory and status in shader storage buffers, in double precision (core since
// GL 4.0, so every context with compute shaders has it). Each step is the CPU's: the method's
// rule (swarm_rules.hpp) and the step rules of engine/core/step_rules.cpp (step_rules_glsl.hpp:
// divergence box, undefined points, convergence, leaving the domain), in the same order of
// operations. Steps are issued back to back with nothing read back between them: whether any
// member still runs arrives later, without a wait (late_readback.hpp), and the steps issued
// after the last member stopped move no one and count for nothing. The balls are drawn from the
// buffers (gpu_swarm_renderer.hpp) and the statistics read back only when asked for.
#include "engine/core/step_rules.hpp"
#include "engine/render/compute/late_readback.hpp"
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
  // Issues `steps` steps and returns: no read-back (none at all once every member is known to
  // have stopped).
  void step(std::size_t steps) override;
  // False once every member is known to have stopped: known from a count the GPU copied after an
  // earlier step, so it may say true a frame after the last member stopped (at once on
  // llvmpipe). A step issued meanwhile moves no one and is not counted in steps_taken().
  bool any_running() const override;
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
  // The steps taken: those issued while some member still ran (read back: waits for the GPU).
  std::size_t steps_taken() const;

  // The buffers the renderer draws from: positions (dvec2), values (double), gradients (dvec2),
  // labels (int: a minimum's index or a BasinOutcome), bound at bindings 0, 1, 2 and 5.
  void bind_for_drawing() const;
  // The minima the labels index (their colours), as last named.
  std::size_t labelled_minima() const { return minima_count_; }

 private:
  GpuSwarm() = default;
  // The shader's buffers bound, its program current: before a run of dispatches.
  void bind_buffers() const;
  void dispatch(int mode);
  // Sets `minima` as the ones labels index (the dispatch of kLabel labels every member).
  void label(const MinimumCatalogue& minima);
  // Takes the newest running count the GPU copied back, if one arrived: never waits.
  void learn_whether_running() const;

  std::shared_ptr<const Optimizer> prototype_;
  std::vector<glm::dvec2> starts_;
  std::size_t count_ = 0, state_size_ = 1;
  // Steps issued since the reset: the steps taken until every member stopped, then perhaps a few
  // more, issued before the count saying so arrived.
  std::size_t dispatched_ = 0;
  mutable LateReadback running_;       // the running count after the start and each run of steps
  mutable bool stopped_ = false;       // a count of none running arrived: no step moves anyone now
  std::vector<double> uploaded_rule_;  // u_rule[] as last set
  std::size_t minima_count_ = 0;
  std::vector<glm::dvec2> labelled_against_;  // the minima's positions the labels index
  std::optional<SwarmCounts> counted_;        // as last read back, after dispatch counted_at_
  static constexpr std::size_t kCountedForGood = static_cast<std::size_t>(-1);  // read back once all stopped
  std::size_t counted_at_ = 0;
  gl::Program program_;
  struct Locations {
    GLint mode = -1, slot = -1, rule = -1, minima = -1, radius = -1;
  } uniforms_;  // asked once
  gl::Buffer position_, value_, gradient_, state_, status_, label_, running_count_, minima_;
};

}  // namespace losscape
