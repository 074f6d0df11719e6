#pragma once
// The built-in analytic cost functions: value, exact gradient and exact Hessian, a default
// domain and the known minima, looked up by command-line name.
#include "engine/core/cost_function.hpp"

#include <memory>
#include <string>
#include <vector>

namespace losscape {

// All built-in names, in the order the UI lists them.
const std::vector<std::string>& builtin_function_names();

// nullptr when the name is unknown.
std::unique_ptr<CostFunction> make_builtin_function(const std::string& name);

}  // namespace losscape
