#include "engine/sim/lane_swarm.hpp"

#include "engine/sim/minimum_catalogue.hpp"
#include "engine/sim/worker_threads.hpp"

#include <algorithm>
#include <atomic>
#include <utility>

namespace losscape {
namespace {

// A converged member's minimum until counts() names it (Ball members are named as they stop).
constexpr std::int32_t kUnnamed = -5;

// work(b) for every b < count, spread over `threads` threads (the caller's among them), each
// taking the next b when done with its last: blocks whose members all stopped cost nothing, so
// the work per block differs.
template <class Work>
void spread(std::size_t count, unsigned threads, const Work& work) {
  std::atomic<std::size_t> next{0};
  run_on_threads(threads, [&] {
    for (std::size_t b = next.fetch_add(1); b < count; b = next.fetch_add(1)) work(b);
  });
}

}  // namespace

Result<std::unique_ptr<LaneSwarm>> LaneSwarm::create(const CostFunction& cost, const std::vector<glm::dvec2>& starts,
                                                     const Optimizer& prototype, const SimulationSettings& settings,
                                                     unsigned threads, std::string why_not_gpu) {
  if (settings.noise.active()) return Error{"gradient noise and minibatches are not in the CPU's lanes"};
  if (!prototype.lanes()) return Error{prototype.described() + " has no lockstep lanes"};
  std::unique_ptr<LaneSwarm> swarm(new LaneSwarm());
  swarm->starts_ = starts;
  const std::size_t count = starts.size(), blocks = (count + LaneBlock::kLanes - 1) / LaneBlock::kLanes;
  for (std::size_t first = 0; first < count; first += LaneBlock::kLanes) {
    swarm->blocks_.push_back({std::make_unique<LaneBlock>(cost, prototype.lanes(), settings),
                              first,
                              std::min(LaneBlock::kLanes, count - first),
                              {}});
  }
  swarm->threads_ =
      static_cast<unsigned>(std::clamp<std::size_t>(threads_to_use(threads), 1, std::max<std::size_t>(blocks, 1)));
  swarm->why_not_gpu_ = std::move(why_not_gpu);
  swarm->reset();
  return swarm;
}

void LaneSwarm::reset() {
  stopped_.assign(starts_.size(), Stopped{});
  minimum_.assign(starts_.size(), kNotConverged);
  steps_ = 0;
  settled_ = false;
  counted_.reset();
  spread(blocks_.size(), threads_, [&](std::size_t b) {
    Block& block = blocks_[b];
    block.unnamed.clear();
    block.lanes->start(&starts_[block.first], block.count);
    keep_ended(block, 0);
  });
  running_ = 0;
  for (const Block& block : blocks_) running_ += block.lanes->running();
}

void LaneSwarm::step(std::size_t steps) {
  if (steps == 0) return;
  settled_ = false;
  counted_.reset();
  if (running_ > 0) {
    spread(blocks_.size(), threads_, [&](std::size_t b) { step_block(blocks_[b], steps); });
    running_ = 0;
    for (const Block& block : blocks_) running_ += block.lanes->running();
  }
  steps_ += steps;
}

void LaneSwarm::step_block(Block& block, std::size_t steps) {
  // Every member still running has taken each of the swarm's steps so far.
  for (std::size_t i = 0; i < steps && block.lanes->running() > 0; ++i) {
    block.lanes->step(steps_ + i);
    keep_ended(block, steps_ + i + 1);
  }
}

void LaneSwarm::keep_ended(Block& block, std::size_t in_step) {
  const LaneBlock& lanes = *block.lanes;
  for (std::size_t e = 0; e < lanes.ended_count(); ++e) {
    const LaneBlock::Ended& ended = lanes.ended()[e];
    const std::size_t member = block.first + ended.run;
    stopped_[member] = {ended.point, ended.from, ended.steps, static_cast<std::uint32_t>(in_step), ended.status};
    if (ended.status == BallStatus::converged) {
      minimum_[member] = kUnnamed;
      block.unnamed.emplace_back(static_cast<std::uint32_t>(in_step), static_cast<std::uint32_t>(member));
    } else {
      minimum_[member] = outcome_of(ended.status);
    }
  }
}

SwarmCounts LaneSwarm::counts(MinimumCatalogue& minima) {
  // The overlay asks every frame: counted again only after a step or when the minima changed.
  if (counted_ && counted_->per_minimum.size() == minima.size()) return *counted_;
  // Named in the order Ball members name theirs as they stop: step by step, in member order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> unnamed;
  for (Block& block : blocks_) {
    unnamed.insert(unnamed.end(), block.unnamed.begin(), block.unnamed.end());
    block.unnamed.clear();
  }
  std::sort(unnamed.begin(), unnamed.end());
  for (const auto& [in_step, member] : unnamed) {
    const TrackedPoint& end = stopped_[member].point;
    minimum_[member] = minima.find_or_add(end.position, end.value);
  }
  SwarmCounts counts;
  counts.per_minimum.assign(minima.size(), 0);
  for (const std::int32_t m : minimum_) counts.add(m);
  counted_ = counts;
  return counts;
}

void LaneSwarm::relabel(const MinimumCatalogue& minima) {
  // As Simulation::adopt_minima relabels Ball members: a named one by where it rests.
  for (std::size_t member = 0; member < minimum_.size(); ++member) {
    if (minimum_[member] >= 0) minimum_[member] = minima.find(stopped_[member].point.position);
  }
  counted_.reset();
}

std::string LaneSwarm::description() const {
  std::string text = std::to_string(starts_.size()) + " balls on the CPU (vectorised lanes, " +
                     std::to_string(threads_) + (threads_ == 1 ? " thread" : " threads");
  if (!why_not_gpu_.empty()) text += "; " + why_not_gpu_;
  return text + ")";
}

void LaneSwarm::read(std::vector<Member>& out) const {
  out.resize(starts_.size());
  for (const Block& block : blocks_) {
    for (std::size_t member = block.first; member < block.first + block.count; ++member) {
      const Stopped& s = stopped_[member];
      if (s.status == BallStatus::running) continue;  // below
      // A member drawn between two steps moves from where it was before the step it stopped in.
      const bool stopped_in_last_step = !settled_ && s.in_step == steps_;
      out[member] = {s.point, stopped_in_last_step ? s.from : s.point.position, s.steps, s.status, minimum_[member]};
    }
    const LaneBlock& lanes = *block.lanes;
    for (std::size_t a = 0; a < lanes.running(); ++a) {
      const glm::dvec2 at{lanes.x(a), lanes.y(a)};
      const TrackedPoint point{at, lanes.value(a), {lanes.gx(a), lanes.gy(a)}, lanes.steps_outside_domain(a)};
      const glm::dvec2 before = settled_ ? at : glm::dvec2(lanes.previous_x(a), lanes.previous_y(a));
      out[block.first + lanes.run_of(a)] = {point, before, steps_, BallStatus::running, kNotConverged};
    }
  }
}

}  // namespace losscape
