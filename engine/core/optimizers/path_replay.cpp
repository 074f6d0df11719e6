#include "engine/core/optimizers/path_replay.hpp"

namespace losscape {

PathReplay::PathReplay(std::shared_ptr<const TrainingPath> path) : Optimizer(kName, kTitle), path_(std::move(path)) {
  init_parameters();
}

const std::vector<ParameterSpec>& PathReplay::parameter_table() const {
  static const std::vector<ParameterSpec> none;  // nothing to tune: the file says where to go
  return none;
}

glm::dvec2 PathReplay::step(const CostFunction&, glm::dvec2) {
  if (index_ + 1 < path_->points.size()) ++index_;
  return path_->points[index_];
}

StepExplanation PathReplay::explain(const CostFunction& cost, glm::dvec2 position) const {
  PathReplay copy(*this);
  StepExplanation out = explanation_opening(position, copy.step(cost, position));
  out.lines.push_back({"k, the next checkpoint (of " + std::to_string(path_->points.size() - 1) + ")",
                       glm::dvec2(static_cast<double>(copy.index())), true});
  close_explanation(out, "p_new = the checkpoint's projected point");
  return out;
}

std::vector<Optimizer::Companion> PathReplay::companions() const {
  std::vector<Companion> out;
  out.reserve(path_->points.size());
  for (const glm::dvec2& p : path_->points) out.push_back({Companion::Kind::checkpoint, p});
  return out;
}

const PathReplay* as_replay(const Optimizer& optimizer) { return dynamic_cast<const PathReplay*>(&optimizer); }

}  // namespace losscape
