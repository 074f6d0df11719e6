#include "engine/math/basins.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <thread>

namespace losscape {

std::size_t BasinMap::count(std::int32_t outcome) const {
  return static_cast<std::size_t>(std::count(label.begin(), label.end(), outcome));
}

glm::dvec2 BasinMap::start(int i, int j) const {
  return {domain.x_min + domain.width() * (i + 0.5) / grid, domain.y_min + domain.height() * (j + 0.5) / grid};
}

namespace {

// Runs one start to its end; returns the steps taken.
std::uint32_t run_start(const CostFunction& cost, Optimizer& optimizer, glm::dvec2 start, const BasinSettings& settings,
                        glm::dvec2& end, BallStatus& status) {
  optimizer.reset();
  TrackedPoint point;
  status = start_at(cost, start, point);
  std::uint32_t steps = 0;
  while (status == BallStatus::running && steps < settings.max_steps) {
    const StepResult result = take_step(cost, optimizer, point, settings.limits);
    status = result.status;
    steps += result.moved ? 1u : 0u;
  }
  end = point.position;
  return steps;
}

// out[i] = fma(alpha, g[i], p[i]): GD's step, torch's add(alpha = -lr). Cloned for CPUs with
// an FMA instruction (inlined and vectorised there; a libm call per element otherwise), chosen
// at load time. Either way it rounds once, so every CPU gives the same numbers.
__attribute__((target_clones("fma", "default"))) void fused_step(const double* g, const double* p, double* out,
                                                                  std::size_t n, double alpha) {
  for (std::size_t i = 0; i < n; ++i) out[i] = std::fma(alpha, g[i], p[i]);
}

// Gradient descent for a run of starts at once: each step is one batched evaluation of f and
// its gradient, then take_step()'s rules applied lane by lane. The running lanes are kept
// packed at the front of the arrays (a finished lane is swapped with the last running one),
// so every loop runs over contiguous memory.
class LockstepDescent {
 public:
  static constexpr std::size_t kLanes = 256;

  LockstepDescent(const CostFunction& cost, double lr, const BasinSettings& settings, const std::atomic<bool>* cancel)
      : cost_(cost), lr_(lr), settings_(settings), domain_(cost.domain()), cancel_(cancel) {}

  void run(const glm::dvec2* starts, std::size_t n, glm::dvec2* end, std::uint32_t* steps, BallStatus* status) {
    for (std::size_t first = 0; first < n; first += kLanes) {
      const std::size_t count = std::min(kLanes, n - first);
      run_lanes(starts + first, count, end + first, steps + first, status + first);
    }
  }

 private:
  // Lane a stops with `outcome`: its results go out, the last running lane takes its place.
  void finish(std::size_t a, BallStatus outcome, std::size_t& active, glm::dvec2* end, std::uint32_t* steps,
              BallStatus* status) {
    const std::size_t k = id_[a];
    end[k] = {x_[a], y_[a]};
    steps[k] = steps_[a];
    status[k] = outcome;
    const std::size_t last = --active;
    x_[a] = x_[last], y_[a] = y_[last], gx_[a] = gx_[last], gy_[a] = gy_[last];
    nx_[a] = nx_[last], ny_[a] = ny_[last], pf_[a] = pf_[last], pgx_[a] = pgx_[last], pgy_[a] = pgy_[last];
    steps_[a] = steps_[last], outside_[a] = outside_[last], id_[a] = id_[last];
  }

  void run_lanes(const glm::dvec2* starts, std::size_t n, glm::dvec2* end, std::uint32_t* steps, BallStatus* status) {
    for (std::size_t k = 0; k < n; ++k) x_[k] = starts[k].x, y_[k] = starts[k].y, id_[k] = k, steps_[k] = 0, outside_[k] = 0;
    cost_.evaluate_batch(x_, y_, n, pf_, gx_, gy_);
    std::size_t active = n;
    for (std::size_t a = 0; a < active;) {
      // As start_at(): a start where f is not defined is "undefined" at once.
      if (std::isfinite(pf_[a]) && std::isfinite(gx_[a]) && std::isfinite(gy_[a])) {
        ++a;
      } else {
        finish(a, BallStatus::undefined, active, end, steps, status);
      }
    }
    const double size = std::max(domain_.width(), domain_.height());
    const double gradient_tolerance = settings_.limits.gradient_tolerance;
    const double step_tolerance = settings_.limits.step_tolerance * size;
    const double margin_x = settings_.limits.divergence_margin * domain_.width();
    const double margin_y = settings_.limits.divergence_margin * domain_.height();
    for (std::size_t step = 0; step < settings_.max_steps && active > 0; ++step) {
      if (cancel_ && step % 64 == 0 && cancel_->load(std::memory_order_relaxed)) return;  // prompt
      fused_step(gx_, x_, nx_, active, -lr_);
      fused_step(gy_, y_, ny_, active, -lr_);
      for (std::size_t a = 0; a < active;) {  // leaving the box: diverged, at the last good point
        const double x = nx_[a], y = ny_[a];
        const bool in_box = std::isfinite(x) && std::isfinite(y) && x >= domain_.x_min - margin_x &&
                            x <= domain_.x_max + margin_x && y >= domain_.y_min - margin_y && y <= domain_.y_max + margin_y;
        if (in_box) {
          ++a;
        } else {
          finish(a, BallStatus::diverged, active, end, steps, status);
        }
      }
      cost_.evaluate_batch(nx_, ny_, active, pf_, pgx_, pgy_);
      for (std::size_t a = 0; a < active;) {
        if (!std::isfinite(pf_[a]) || !std::isfinite(pgx_[a]) || !std::isfinite(pgy_[a])) {
          const bool nan = std::isnan(pf_[a]) || std::isnan(pgx_[a]) || std::isnan(pgy_[a]);
          finish(a, nan ? BallStatus::undefined : BallStatus::diverged, active, end, steps, status);
          continue;
        }
        const double dx = nx_[a] - x_[a], dy = ny_[a] - y_[a];
        const bool inside = domain_.contains({nx_[a], ny_[a]});
        x_[a] = nx_[a], y_[a] = ny_[a], gx_[a] = pgx_[a], gy_[a] = pgy_[a];
        outside_[a] = inside ? 0 : outside_[a] + 1;
        ++steps_[a];
        // take_step's test, |g| <= tol and |step| <= tol, with the square roots taken only when
        // the cheap bound (a vector is at least as long as any of its components) allows it.
        const bool may_converge = std::abs(gx_[a]) <= gradient_tolerance && std::abs(gy_[a]) <= gradient_tolerance &&
                                  std::abs(dx) <= step_tolerance && std::abs(dy) <= step_tolerance;
        if (may_converge && glm::length(glm::dvec2(gx_[a], gy_[a])) <= gradient_tolerance &&
            glm::length(glm::dvec2(dx, dy)) <= step_tolerance) {
          finish(a, inside ? BallStatus::converged : BallStatus::left_domain, active, end, steps, status);
        } else if (outside_[a] > settings_.limits.max_steps_outside_domain) {
          finish(a, BallStatus::left_domain, active, end, steps, status);
        } else {
          ++a;
        }
      }
    }
    // Lanes still running at the step limit.
    while (active > 0) finish(0, BallStatus::running, active, end, steps, status);
  }

  const CostFunction& cost_;
  double lr_;
  const BasinSettings& settings_;
  Domain domain_;
  const std::atomic<bool>* cancel_;
  double x_[kLanes], y_[kLanes], gx_[kLanes], gy_[kLanes], nx_[kLanes], ny_[kLanes];
  double pf_[kLanes], pgx_[kLanes], pgy_[kLanes];
  std::uint32_t steps_[kLanes];
  std::size_t outside_[kLanes], id_[kLanes];
};

}  // namespace

bool compute_basins(const CostFunction& cost, const Optimizer& prototype, const BasinSettings& settings, BasinMap& out,
                    const std::atomic<bool>* cancel, std::atomic<double>* progress) {
  const auto started = std::chrono::steady_clock::now();
  BasinMap map;
  map.grid = std::max(settings.grid, 1);
  map.domain = cost.domain();
  const std::size_t n = static_cast<std::size_t>(map.grid) * static_cast<std::size_t>(map.grid);
  map.end.resize(n);
  map.steps.resize(n);
  map.status.resize(n);

  // Rows are handed out one at a time; each start is independent, so the map is the same
  // whatever the number of threads.
  std::atomic<int> next_row{0}, rows_done{0};
  const bool lockstep = settings.allow_lockstep && prototype.name() == "gd";
  auto work = [&] {
    auto optimizer = prototype.clone();
    auto descent = lockstep ? std::make_unique<LockstepDescent>(cost, prototype.parameter("lr"), settings, cancel) : nullptr;
    std::vector<glm::dvec2> row_starts(static_cast<std::size_t>(map.grid));
    for (int j; (j = next_row.fetch_add(1)) < map.grid;) {
      const std::size_t row = static_cast<std::size_t>(j) * static_cast<std::size_t>(map.grid);
      if (descent) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return;
        for (int i = 0; i < map.grid; ++i) row_starts[static_cast<std::size_t>(i)] = map.start(i, j);
        descent->run(row_starts.data(), row_starts.size(), &map.end[row], &map.steps[row], &map.status[row]);
      }
      for (int i = 0; i < map.grid && !descent; ++i) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return;  // checked every start: prompt
        const std::size_t k = row + static_cast<std::size_t>(i);
        map.steps[k] = run_start(cost, *optimizer, map.start(i, j), settings, map.end[k], map.status[k]);
      }
      const int done = rows_done.fetch_add(1) + 1;
      if (progress) progress->store(static_cast<double>(done) / map.grid, std::memory_order_relaxed);
    }
  };
  const unsigned threads = settings.threads ? settings.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  if (cancel && cancel->load()) return false;

  // Name the ends: the function's known minima first, then the others in start order.
  MinimumCatalogue catalogue(cost);
  map.label.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    if (map.status[k] != BallStatus::converged) {
      map.label[k] = outcome_of(map.status[k]);
      continue;
    }
    // Only a new minimum costs an evaluation of f.
    const std::int32_t known = catalogue.find(map.end[k]);
    map.label[k] = known >= 0 ? known : catalogue.find_or_add(map.end[k], cost.value(map.end[k]));
  }
  for (const NamedMinimum& m : catalogue.minima()) map.minima.push_back({m, 0});
  for (const std::int32_t label : map.label) {
    if (label >= 0) ++map.minima[static_cast<std::size_t>(label)].starts;
  }
  for (std::uint32_t s : map.steps) map.point_steps += s;
  map.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out = std::move(map);
  return true;
}

}  // namespace losscape
