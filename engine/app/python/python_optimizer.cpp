#include "engine/app/python/python_optimizer.hpp"

#include "engine/core/cost_function.hpp"
#include "engine/core/one_line.hpp"

#include <pybind11/numpy.h>

#include <cmath>
#include <cstdio>
#include <limits>

namespace py = pybind11;

namespace losscape {
namespace {

// A wrong answer as the line quotes it: its repr, one line, shortened.
std::string shown(const py::handle& answer) {
  constexpr std::size_t kShown = 80;
  const auto text = py::repr(answer).cast<std::string>();
  return one_line(text.size() > kShown ? text.substr(0, kShown) + "..." : text);
}

// A start's coordinate in a failure's line.
std::string coordinate(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

py::array_t<double> pair(glm::dvec2 v) {
  py::array_t<double> array(2);
  array.mutable_at(0) = v.x;
  array.mutable_at(1) = v.y;
  return array;
}

}  // namespace

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

PythonOptimizer::PythonOptimizer(py::handle object, const std::string& name) : Optimizer(name, name), object_(object) {
  init_parameters();
}

PythonOptimizer::PythonOptimizer(PythonStarts& starts, const std::string& name, std::optional<double> lr)
    : Optimizer(name, name), starts_(&starts) {
  if (lr) {  // any positive number: the object's own rule decides what a learning rate means
    table_.push_back({"lr", *lr, 0.0, std::numeric_limits<double>::max(), true, true,
                      "the object's lr attribute, set on each start's copy"});
  }
  init_parameters();
}

PythonOptimizer::~PythonOptimizer() {
  if (!copy_) return;
  // A basin map drops its optimizers with the GIL released. (Python's C API: it cannot throw.)
  const PyGILState_STATE gil = PyGILState_Ensure();
  Py_DECREF(copy_.release().ptr());
  PyGILState_Release(gil);
}

const std::vector<ParameterSpec>& PythonOptimizer::parameter_table() const { return table_; }

std::unique_ptr<Optimizer> PythonOptimizer::clone() const {
  if (starts_) {  // a basin map's: live, and fresh at its first reset()
    auto copy = std::make_unique<PythonOptimizer>(*starts_, name(), std::nullopt);
    copy->table_ = table_;
    copy->init_parameters();
    for (std::size_t i = 0; i < table_.size(); ++i) copy->set_scheduled_value(i, parameter_values()[i]);
    return copy;
  }
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

void PythonOptimizer::fail_map(const std::string& why, std::optional<py::error_already_set> error) {
  failure_ = why;
  if (starts_->cancel.exchange(true)) return;  // a later start's failure (a thread's) is not the news
  // Before a start's first step (its copy failed), the start is not known yet: no start is named.
  starts_->failure = !start_ ? why : "at start (" + coordinate(start_->x) + ", " + coordinate(start_->y) + "), " + why;
  starts_->error = std::move(error);
}

void PythonOptimizer::reset() {
  step_ = 0;
  start_.reset();
  failure_.clear();
  if (detached_) return;
  py::gil_scoped_acquire gil;
  if (starts_) {
    copy_ = py::object();
    if (starts_->cancel) {  // the map is over: this start takes no step
      failure_ = "cancelled";
      return;
    }
    try {
      PythonStarts& starts = *starts_;
      copy_ = starts.deepcopy(starts.prototype);
      if (!table_.empty()) copy_.attr("lr") = parameter("lr");
      object_ = copy_;
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();  // Ctrl-C between two starts
    } catch (py::error_already_set& error) {
      const std::string why = "failed making a start's copy (copy.deepcopy, then lr): " + exception_line(error);
      fail_map(why, std::move(error));
    }
    return;
  }
  try {
    if (py::hasattr(object_, "reset")) object_.attr("reset")();
  } catch (py::error_already_set& error) {
    failure_ = "reset: " + exception_line(error);
  }
}

glm::dvec2 PythonOptimizer::step(const CostFunction& cost, glm::dvec2 position) {
  if (detached_ || !failure_.empty()) return position;
  if (step_ == 0) start_ = position;  // a basin map's failure names it
  const glm::dvec2 gradient = cost.gradient(position);
  const std::string at = "step " + std::to_string(step_) + ": ";
  py::gil_scoped_acquire gil;
  glm::dvec2 next{0.0};
  try {
    const py::object answer = object_.attr("step")(pair(position), pair(gradient));
    const auto numbers = py::array_t<double, py::array::forcecast>::ensure(answer);
    if (!numbers || numbers.size() != 2) {
      PyErr_Clear();  // ensure() leaves the conversion's error set
      const std::string why = at + "step() returned " + shown(answer) + ": expected 2 numbers (x, y)";
      if (starts_) fail_map(why);
      return fail(why, position);
    }
    next = {numbers.data()[0], numbers.data()[1]};
    // In a basin map, the engine's own rules judge a step to infinity (diverged), as a built-in's.
    if (!starts_ && (!std::isfinite(next.x) || !std::isfinite(next.y))) {
      return fail(at + "step() returned " + shown(answer) + ": not 2 finite numbers", position);
    }
  } catch (py::error_already_set& error) {
    if (starts_) {  // the whole map stops; its caller raises the exception (Ctrl-C's too)
      const std::string why = at + exception_line(error);  // before the error is moved
      fail_map(why, std::move(error));
      return position;
    }
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
