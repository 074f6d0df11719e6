#pragma once
// For tests that check a value and its failure's message side by side: the value of a Result (or
// T{} when it failed), and its message in `error` (empty when it did not).
#include "engine/core/result.hpp"

#include <string>
#include <utility>

namespace losscape::testing {

template <class T>
T take(Result<T> result, std::string& error) {
  error = result.error();
  return result ? std::move(*result) : T{};
}

}  // namespace losscape::testing
