// What a fuzz target checks beyond "no crash". A failed check prints "fuzz check failed: ..." (which
// scripts/fuzz.sh shows with the input's Base64, so a CI log is enough to replay it) and aborts, so
// libFuzzer keeps the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

[[noreturn]] inline void fuzz_check_failed(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz check failed: %s: %s\n", what, detail.c_str());
  std::abort();
}

// What fails must say so in one line (README: "a clear one-line message"): not empty, and no control
// character (a newline, or a byte that would upset the terminal).
inline void require_one_error_line(const std::string& error, const char* from) {
  bool control = false;
  for (const char c : error) control = control || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  if (error.empty() || control) fuzz_check_failed(from, "not one error line: \"" + error + "\"");
}
