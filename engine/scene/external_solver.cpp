#include "engine/scene/external_solver.hpp"

#include "engine/core/one_line.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace losscape {
namespace {

// A double as JSON that reads back to the same bits (%.17g); null for what JSON cannot hold.
std::string number(double value) {
  if (!std::isfinite(value)) return "null";
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// What the solver said, quoted in an error: one line, shortened.
std::string quoted(const std::string& line) {
  constexpr std::size_t kShown = 80;
  std::string shown = "\"";
  shown += one_line(line.size() > kShown ? line.substr(0, kShown) + "..." : line);
  shown += '"';
  return shown;
}

}  // namespace

ExternalSolver::ExternalSolver(std::string command, std::string directory, double timeout_seconds)
    : Optimizer(kName, "solver: " + command),
      command_(std::move(command)),
      directory_(std::move(directory)),
      timeout_(timeout_seconds) {
  init_parameters();
}

const std::vector<ParameterSpec>& ExternalSolver::parameter_table() const {
  static const std::vector<ParameterSpec> none;
  return none;
}

std::unique_ptr<Optimizer> ExternalSolver::clone() const {
  auto copy = std::make_unique<ExternalSolver>(command_, directory_, timeout_);
  copy->detached_ = true;
  copy->step_ = step_;
  copy->stopped_ = stopped_;
  copy->message_ = message_;
  copy->failure_ = failure_;
  return copy;
}

void ExternalSolver::reset() {
  if (detached_) return;
  if (process_ && !failure_.empty()) process_.reset();
  if (process_ && !process_->send("{\"reset\": true}")) process_.reset();  // started afresh at the next step
  step_ = 0;
  stopped_ = false;
  message_.clear();
  failure_.clear();
}

glm::dvec2 ExternalSolver::fail(std::string why, glm::dvec2 position) {
  failure_ = std::move(why);
  stopped_ = true;
  process_.reset();  // killed and reaped
  return position;
}

Status ExternalSolver::start(const CostFunction& cost, glm::dvec2 position) {
  auto process = SolverProcess::start(command_, directory_);
  if (!process) return Error{process.error()};
  process_ = std::move(*process);
  const Domain d = cost.domain();
  const std::string hello = "{\"protocol\": " + std::to_string(kProtocolVersion) +
                            ", \"function\": " + nlohmann::json(cost.name()).dump() + ", \"domain\": [" +
                            number(d.x_min) + ", " + number(d.x_max) + ", " + number(d.y_min) + ", " + number(d.y_max) +
                            "], \"start\": [" + number(position.x) + ", " + number(position.y) + "]}";
  return process_->send(hello);
}

glm::dvec2 ExternalSolver::step(const CostFunction& cost, glm::dvec2 position) {
  if (detached_ || stopped_) return position;
  const std::string at = "step " + std::to_string(step_) + ": ";
  if (!process_) {
    if (Status started = start(cost, position); !started) return fail(at + started.error(), position);
  }
  const glm::dvec2 g = cost.gradient(position);
  const std::string line = "{\"step\": " + std::to_string(step_) + ", \"x\": " + number(position.x) +
                           ", \"y\": " + number(position.y) + ", \"f\": " + number(cost.value(position)) +
                           ", \"gx\": " + number(g.x) + ", \"gy\": " + number(g.y) + "}";
  if (Status sent = process_->send(line); !sent) return fail(at + sent.error(), position);
  const auto answer = process_->receive(timeout_);
  if (!answer) return fail(at + answer.error(), position);

  const nlohmann::json reply = nlohmann::json::parse(*answer, nullptr, false);
  if (reply.is_discarded() &&
      (answer->find("NaN") != std::string::npos || answer->find("Infinity") != std::string::npos)) {
    return fail(at + "the solver answered " + quoted(*answer) + ": a number is not finite (NaN or Infinity)", position);
  }
  if (reply.is_discarded() || !reply.is_object()) {
    return fail(at + "the solver answered " + quoted(*answer) + ": not a JSON object like {\"x\": 1, \"y\": 2}",
                position);
  }
  if (const auto m = reply.find("message"); m != reply.end()) {
    constexpr std::size_t kLongest = 240;  // a panel line or two
    std::string text = m->is_string() ? m->get<std::string>() : m->dump();
    if (text.size() > kLongest) text = text.substr(0, kLongest) + "...";
    message_ = one_line(text);
  }
  const auto done = reply.find("done");
  const bool finished = done != reply.end() && done->is_boolean() && done->get<bool>();
  if (finished && !reply.contains("x") && !reply.contains("y")) {
    stopped_ = true;
    return position;
  }
  glm::dvec2 next{0.0};
  for (const auto& [key, value] : {std::pair{"x", &next.x}, std::pair{"y", &next.y}}) {
    const auto found = reply.find(key);
    if (found == reply.end())
      return fail(at + "the solver answered " + quoted(*answer) + ": no \"" + key + "\"", position);
    if (!found->is_number() || !std::isfinite(found->get<double>())) {
      return fail(at + "the solver answered " + quoted(*answer) + ": \"" + key + "\" is not a finite number", position);
    }
    *value = found->get<double>();
  }
  ++step_;
  if (finished) stopped_ = true;
  return next;
}

const ExternalSolver* as_external_solver(const Optimizer& optimizer) {
  return dynamic_cast<const ExternalSolver*>(&optimizer);
}

}  // namespace losscape
