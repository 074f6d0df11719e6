// What a fuzz target checks beyond "no crash". A failed check prints "fuzz check failed: ..." (which
// scripts/fuzz.sh shows with the input's Base64, so a CI log is enough to replay it) and aborts, so
// libFuzzer keeps the input.
#pragma once

#include "engine/core/one_line.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

[[noreturn]] inline void fuzz_check_failed(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz check failed: %s: %s\n", what, detail.c_str());
  std::abort();
}

// What fails must say so in one line (README: "a clear one-line message"): not empty, and nothing
// one_line would escape (a newline, a control character, a byte that is not UTF-8).
inline void require_one_error_line(const std::string& error, const char* from) {
  if (error.empty() || losscape::one_line(error) != error) {
    fuzz_check_failed(from, "not one error line: \"" + losscape::one_line(error) + "\"");
  }
}
