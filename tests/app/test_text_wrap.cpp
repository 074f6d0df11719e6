#include "engine/app/ui/text_wrap.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace losscape {
namespace {

class WrapAtSpaces : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    font_ = ImGui::GetIO().Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // builds the font's glyphs
  }
  void TearDown() override { ImGui::DestroyContext(); }
  float width(const char* text) const { return font_->CalcTextSizeA(font_->FontSize, 1e9f, 0.0f, text).x; }
  ImFont* font_ = nullptr;
};

// A title wrapped just after "1," (where ImGui's own wrapping breaks) keeps "1,000" whole.
TEST_F(WrapAtSpaces, BreaksOnlyAtSpaces) {
  const std::string title = "The standard benchmark scene, with a swarm of 1,000 balls";
  const std::string wrapped =
      wrap_at_spaces(*font_, font_->FontSize, title, width("The standard benchmark scene, with a swarm of 1,0"));
  EXPECT_EQ(wrapped, "The standard benchmark scene, with a swarm of\n1,000 balls");
}

TEST_F(WrapAtSpaces, EveryLineFitsAndNothingIsLost) {
  const std::string text = "Gradient descent finds a local minimum, not the global one, from most starts here.";
  const float limit = width("Gradient descent finds");
  const std::string wrapped = wrap_at_spaces(*font_, font_->FontSize, text, limit);
  std::string joined, line;
  std::istringstream lines(wrapped);
  int count = 0;
  while (std::getline(lines, line)) {
    EXPECT_LE(width(line.c_str()), limit) << line;
    joined += (count++ ? " " : "") + line;
  }
  EXPECT_EQ(joined, text);
  EXPECT_GE(count, 3);
}

TEST_F(WrapAtSpaces, AWordWiderThanTheLineKeepsALineOfItsOwn) {
  EXPECT_EQ(wrap_at_spaces(*font_, font_->FontSize, "a Himmelblau b", width("Himm")), "a\nHimmelblau\nb");
  EXPECT_EQ(wrap_at_spaces(*font_, font_->FontSize, "", 100.0f), "");
  EXPECT_EQ(wrap_at_spaces(*font_, font_->FontSize, "short", 1000.0f), "short");
}

}  // namespace
}  // namespace losscape
