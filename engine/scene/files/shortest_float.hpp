#pragma once
// A float as the double with its shortest decimal text: the fewest significant digits that read
// back as the same float, the closest such if several ("pitch": 36, not 36.000000596). Scene files
// write floats this way, so they are pleasant to edit and read back to exactly what was saved.

namespace losscape {

// std::to_chars's shortest text where the standard library has it (the desktop build), else the
// searched one below (Emscripten 3.1.6's libc++ has no floating-point to_chars).
double shortest_float(float value);

// The same value found by search, with nothing but printf and strtof: for each digit count, the
// correctly rounded text and its two neighbours in the last digit. Always compiled, so the
// desktop's tests check that it equals std::to_chars's shortest text.
double shortest_float_searched(float value);

}  // namespace losscape
