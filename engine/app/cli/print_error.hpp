// The one way losscape reports a problem on the terminal: "losscape: MESSAGE" on stderr, on one line
// whatever the message quotes (a path or argument holding a newline included), so a script or a
// lecturer reading the terminal sees exactly one line per problem.
#pragma once

#include <string_view>

namespace losscape {

void print_error(std::string_view message);

}  // namespace losscape
