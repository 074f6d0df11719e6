#pragma once
// A method that wraps any other one (Lookahead, SAM): it owns an inner method and hands it the
// steps. Its parameter table is its own keys first (prefixed with its name, so they never collide
// with the inner method's: Lookahead's lookahead_alpha is not RMSprop's alpha, SAM's sam_rho is
// not Adadelta's rho), then the inner method's, unchanged: sliders, scene files and --param see
// one table, as for any method.
#include "engine/core/optimizer.hpp"

#include <memory>
#include <string>
#include <vector>

namespace losscape {

class WrapperOptimizer : public Optimizer {
 public:
  const std::vector<ParameterSpec>& parameter_table() const override { return table_; }
  void reset() override;
  glm::dvec2 velocity() const override { return inner_->velocity(); }
  // The inner method's companions, then the wrapper's own.
  std::vector<Companion> companions() const override;
  // The inner method draws the random numbers, if any (lookahead:sgld).
  void set_seed(std::uint64_t seed) override { inner_->set_seed(seed); }
  // Basin maps run a wrapped method one start at a time (the lanes would need the wrapper's
  // state per lane too).
  std::unique_ptr<OptimizerLanes> lanes() const override { return nullptr; }

  const Optimizer& inner() const { return *inner_; }
  WrapperOptimizer& operator=(const WrapperOptimizer&) = delete;  // copies are clones (deep)

 protected:
  // `title`: the wrapper's own, e.g. "Lookahead"; the method's is "Lookahead (Adam)".
  WrapperOptimizer(std::string name, const std::string& title, std::unique_ptr<Optimizer> inner,
                   std::vector<ParameterSpec> own);
  WrapperOptimizer(const WrapperOptimizer& other);

  // The inner method with the parameter values this table holds for it now: the values live in
  // the wrapper's table (the one that is edited), and are handed on before each inner step.
  Optimizer& synced_inner();
  // Whether the inner method has torch's maximize option and it is on: it then climbs f.
  bool inner_maximizes() const;
  virtual void reset_own() = 0;
  virtual std::vector<Companion> own_companions() const = 0;

 private:
  std::unique_ptr<Optimizer> inner_;
  std::vector<ParameterSpec> table_;
  std::size_t own_count_;
  std::vector<double> handed_;  // the inner values last handed on
};

}  // namespace losscape
