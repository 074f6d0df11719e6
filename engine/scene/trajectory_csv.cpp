#include "engine/scene/trajectory_csv.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace losscape {

Status write_trajectories_csv(const std::string& path, const Simulation& simulation) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!file) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  std::fputs("ball,optimizer,step,x,y,f,gx,gy\n", file.get());
  const auto& balls = simulation.balls();
  for (std::size_t b = 0; b < balls.size(); ++b) {
    const Ball& ball = balls[b];
    for (std::size_t step = 0; step < ball.history.size(); ++step) {
      const TrajectorySample& s = ball.history[step];
      // %.17g round-trips every double exactly.
      std::fprintf(file.get(), "%zu,%s,%zu,%.17g,%.17g,%.17g,%.17g,%.17g\n", b, ball.optimizer->name().c_str(), step,
                   s.position.x, s.position.y, s.value, s.gradient.x, s.gradient.y);
    }
  }
  if (std::ferror(file.get())) return Error{"cannot write " + path + ": write error"};
  return {};
}

}  // namespace losscape
