// Every error losscape prints is one line (README: "a clear one-line message"), yet many quote what
// the user gave: a scene file's key, a formula, a path. A JSON key may hold "\n", an argument a tab.
#pragma once

#include <string>
#include <string_view>

namespace losscape {

// `text` with each control character written as an escape (\n, \r, \t, \xNN; C1 controls and the
// Unicode line separators as \uNNNN) and each byte that is not UTF-8 as \xNN, so quoting it keeps a
// message on one line and the terminal untouched. Other text, UTF-8 included, is kept; applying it
// twice changes nothing more.
std::string one_line(std::string_view text);

}  // namespace losscape
