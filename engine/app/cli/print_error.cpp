#include "engine/app/cli/print_error.hpp"

#include "engine/core/one_line.hpp"

#include <cstdio>

namespace losscape {

void print_error(std::string_view message) { std::fprintf(stderr, "losscape: %s\n", one_line(message).c_str()); }

}  // namespace losscape
