#include "engine/app/python/python_optimizer.hpp"

#include "engine/core/cost_function.hpp"
#include "engine/core/one_line.hpp"

#include <pybind11/numpy.h>

#include <cmath>

namespace py = pybind11;

namespace losscape {
namespace {

// The exception being handled as one line: "TypeName: message" (the type alone when it says nothing).
std::string exception_line(py::error_already_set& error) {
  std::string type = "Exception";
  std::string message;
  try {
    type = py::str(error.type().attr("__name__"));
    message = py::str(error.value());
  } catch (py::error_already_set&) {  // a __str__ that raises itself: the type is all we say
    PyErr_Clear();
  }
  return one_line(message.empty() ? type : type + ": " + message);
}

// A wrong answer as the line quotes it: its repr, one line, shortened.
std::string shown(const py::handle& answer) {
  constexpr std::size_t kShown = 80;
  const auto text = py::repr(answer).cast<std::string>();
  return one_line(text.size() > kShown ? text.substr(0, kShown) + "..." : text);
}

py::array_t<double> pair(glm::dvec2 v) {
  py::array_t<double> array(2);
  array.mutable_at(0) = v.x;
  array.mutable_at(1) = v.y;
  return array;
}

}  // namespace

PythonOptimizer::PythonOptimizer(py::handle object, const std::string& name) : Optimizer(name, name), object_(object) {
  init_parameters();
}

const std::vector<ParameterSpec>& PythonOptimizer::parameter_table() const {
  static const std::vector<ParameterSpec> none;
  return none;
}

std::unique_ptr<Optimizer> PythonOptimizer::clone() const {
  auto copy = std::make_unique<PythonOptimizer>(object_, name());
  copy->detached_ = true;
  copy->step_ = step_;
  copy->failure_ = failure_;
  return copy;
}

glm::dvec2 PythonOptimizer::fail(std::string why, glm::dvec2 position) {
  failure_ = std::move(why);
  return position;
}

void PythonOptimizer::reset() {
  step_ = 0;
  failure_.clear();
  if (detached_) return;
  py::gil_scoped_acquire gil;
  try {
    if (py::hasattr(object_, "reset")) object_.attr("reset")();
  } catch (py::error_already_set& error) {
    failure_ = "reset: " + exception_line(error);
  }
}

glm::dvec2 PythonOptimizer::step(const CostFunction& cost, glm::dvec2 position) {
  if (detached_ || !failure_.empty()) return position;
  const glm::dvec2 gradient = cost.gradient(position);
  const std::string at = "step " + std::to_string(step_) + ": ";
  py::gil_scoped_acquire gil;
  glm::dvec2 next{0.0};
  try {
    const py::object answer = object_.attr("step")(pair(position), pair(gradient));
    const auto numbers = py::array_t<double, py::array::forcecast>::ensure(answer);
    if (!numbers || numbers.size() != 2) {
      PyErr_Clear();  // ensure() leaves the conversion's error set
      return fail(at + "step() returned " + shown(answer) + ": expected 2 numbers (x, y)", position);
    }
    next = {numbers.data()[0], numbers.data()[1]};
    if (!std::isfinite(next.x) || !std::isfinite(next.y)) {
      return fail(at + "step() returned " + shown(answer) + ": not 2 finite numbers", position);
    }
  } catch (py::error_already_set& error) {
    // Ctrl-C (Jupyter's interrupt) means the whole run: raised again, it stops every Python ball
    // at its next call and reaches the caller of run() when the engine returns.
    // (After the line is made: Python code run meanwhile would take the interrupt.)
    const bool interrupted = error.matches(PyExc_KeyboardInterrupt);
    fail(at + exception_line(error), position);
    if (interrupted) PyErr_SetInterrupt();
    return position;
  }
  ++step_;
  return next;
}

const PythonOptimizer* as_python_optimizer(const Optimizer& optimizer) {
  return dynamic_cast<const PythonOptimizer*>(&optimizer);
}

}  // namespace losscape
