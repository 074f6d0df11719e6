// one_line: what keeps every error message on one line however odd the text it quotes.
#include "engine/math/formula/formula_function.hpp"
#include "engine/math/one_line.hpp"

#include <gtest/gtest.h>

using namespace losscape;

TEST(OneLine, EscapesControlCharactersAndKeepsEverythingElse) {
  EXPECT_EQ(one_line("plain text, 'quotes' and \\ stay"), "plain text, 'quotes' and \\ stay");
  EXPECT_EQ(one_line("two\nlines\r\n\tand a tab"), "two\\nlines\\r\\n\\tand a tab");
  EXPECT_EQ(one_line(std::string("nul\0bell\a del\x7f", 14)), "nul\\x00bell\\x07 del\\x7f");
  EXPECT_EQ(one_line("Größe ∇f"), "Größe ∇f");  // UTF-8 is text, not control bytes
  EXPECT_EQ(one_line(one_line("a\nb")), one_line("a\nb"));
}

TEST(OneLine, AFormulaWithAControlCharacterIsRefusedInOneLine) {
  std::string error;
  EXPECT_FALSE(make_cost_function("x^2 +\x01 y", nullptr, error));
  EXPECT_EQ(error, "formula 'x^2 +\\x01 y': unexpected character '\\x01' at column 6");
  EXPECT_FALSE(make_cost_function("x^2 +\n+", nullptr, error));
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}
