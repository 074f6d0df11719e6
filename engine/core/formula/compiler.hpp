#pragma once
// Formula text -> Program. The language, in x and y:
//   numbers (2, 0.5, 1e-3), + - * / ^ (right-associative, -x^2 = -(x^2)), parentheses,
//   sin cos tan asin acos atan atan2 sinh cosh tanh exp log log10 log2 sqrt abs min max pow,
//   the constants pi and e, and named parameters declared after `where`:
//     a*x^2 + b*y^2 where a = 1, b = 10
// Step functions (floor, sign...) are left out on purpose: their gradient is zero almost
// everywhere, so no ball would move.
#include "engine/core/formula/program.hpp"

#include <string>
#include <vector>

namespace losscape::formula {

struct CompileError {
  std::string message;  // e.g. "unknown function 'sinn' at column 5"
  int column = 0;       // 1-based; 0 when not about one place
};

struct Compiled {
  Program program;
  std::vector<double> parameter_values;  // from the where clause, in parameter_names order
};

// Returns false and fills `error` on failure. Never throws, whatever the text.
bool compile(const std::string& text, Compiled& out, CompileError& error);

// The function names the language knows, for messages and the UI.
const std::vector<std::string>& function_names();

}  // namespace losscape::formula
