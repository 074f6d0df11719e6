// one_line: what keeps every error message on one line however odd the text it quotes.
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/one_line.hpp"
#include "tests/take_result.hpp"

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
  EXPECT_FALSE(losscape::testing::take(make_cost_function("x^2 +\x01 y", nullptr), error));
  EXPECT_EQ(error, "formula 'x^2 +\\x01 y': unexpected character '\\x01' at column 6");
  EXPECT_FALSE(losscape::testing::take(make_cost_function("x^2 +\n+", nullptr), error));
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}

TEST(OneLine, EscapesWhatBreaksLinesBeyondAsciiAndBytesThatAreNotUtf8) {
  EXPECT_EQ(one_line("next\xc2\x85line, csi\xc2\x9b"), "next\\u0085line, csi\\u009b");  // C1 controls
  EXPECT_EQ(one_line("a\xe2\x80\xa8z\xe2\x80\xa9"), "a\\u2028z\\u2029");                // line, paragraph separators
  EXPECT_EQ(one_line("caf\xe9 \xff\xfe"), "caf\\xe9 \\xff\\xfe");                       // Latin-1, binary
  EXPECT_EQ(one_line("\xe2\x80"), "\\xe2\\x80");                                        // cut short
  EXPECT_EQ(one_line("\xed\xa0\x80"), "\\xed\\xa0\\x80");                               // a surrogate
  EXPECT_EQ(one_line("\xc0\xaf"), "\\xc0\\xaf");                                        // overlong '/'
  EXPECT_EQ(one_line("\xf0\x9f\x99\x82 \xc2\xa0"), "\xf0\x9f\x99\x82 \xc2\xa0");        // emoji, no-break space
  EXPECT_EQ(one_line(one_line("\xc2\x85\xff")), one_line("\xc2\x85\xff"));
}
