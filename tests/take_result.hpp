#pragma once
// For tests that check a value and its failure's message side by side, as the loaders' tests do:
// the value of a Result (or T{} when it failed), and its message in `error` (empty when it did not).
#include "engine/core/result.hpp"

#include <string>
#include <utility>

namespace losscape::testing {

template <class T>
T take(Result<T> result, std::string& error) {
  error = result.error();
  return result ? std::move(*result) : T{};
}

// The value of a Result into `out` (left as it was on failure), its message into `error`;
// whether it succeeded.
template <class T>
bool take_into(Result<T> result, T& out, std::string& error) {
  error = result.error();
  if (result) out = std::move(*result);
  return result.ok();
}

}  // namespace losscape::testing
