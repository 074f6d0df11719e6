#pragma once
// A ball that replays a training path (training_path.hpp) instead of running a method: each
// solver step moves it to the next checkpoint; on the last it is at rest (the ball finishes).
//
// Why an Optimizer and not a field of the ball: a replaying ball is then an ordinary ball to the
// Simulation, so its trail, loss plot, history, --export-trajectories rows, reset and the step
// rules (a point off the surface or in a hole stops it) come for free, with no second kind of
// ball in every loop. It is not in the registry (optimizer_registry.cpp): no one can pick it in
// the panel, a swarm or a basin map, which would replay the same path from every start. A scene
// asks for it with a ball's "trajectory" key (scene_factory.cpp builds it).
#include "engine/core/optimizer.hpp"
#include "engine/core/training_path.hpp"

#include <memory>

namespace losscape {

class PathReplay final : public Optimizer {
 public:
  static constexpr const char* kName = "replay";  // the ball's optimizer name in exports
  // Its title, the ball's label: honest about what the path is (the checkpoints projected on the slice).
  static constexpr const char* kTitle = "training path (projected)";
  explicit PathReplay(std::shared_ptr<const TrainingPath> path);

  const std::vector<ParameterSpec>& parameter_table() const override;
  void reset() override { index_ = 0; }
  // The next checkpoint, whatever `position` is; the last one again once there.
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override { return std::make_unique<PathReplay>(*this); }
  bool at_rest() const override { return index_ + 1 >= path_->points.size(); }
  const char* rest_status() const override { return "finished"; }
  bool maps() const override { return false; }
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;
  // Every checkpoint as a small dot on the terrain (the path between them: SceneRenderer).
  std::vector<Companion> companions() const override;

  const TrainingPath& path() const { return *path_; }
  // The checkpoint the ball is at: 0 at the start.
  std::size_t index() const { return index_; }

 private:
  std::shared_ptr<const TrainingPath> path_;
  std::size_t index_ = 0;
};

// The replay a ball runs, or nullptr for a ball that runs a method.
const PathReplay* as_replay(const Optimizer& optimizer);

}  // namespace losscape
