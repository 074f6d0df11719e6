// The one error convention (engine/core/result.hpp): a value or one line, never both.
#include "engine/core/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <type_traits>

using namespace losscape;

namespace {

struct Shape {
  virtual ~Shape() = default;
};
struct Square : Shape {};

Result<std::unique_ptr<Shape>> make(bool ok) {
  if (!ok) return Error{"cannot make a shape: asked not to"};
  auto square = std::make_unique<Square>();
  return square;  // a derived class's pointer becomes the Result's
}

}  // namespace

TEST(Result, HoldsAValueOrOneLine) {
  auto made = make(true);
  ASSERT_TRUE(made);
  EXPECT_TRUE(made.ok());
  EXPECT_EQ(made.error(), "") << "no message when it worked";
  EXPECT_NE(dynamic_cast<Square*>(made->get()), nullptr);
  const auto failed = make(false);
  EXPECT_FALSE(failed);
  EXPECT_EQ(failed.error(), "cannot make a shape: asked not to");
}

TEST(Result, AMoveOnlyValueMovesOutOfATemporary) {
  std::unique_ptr<Shape> shape = *make(true);
  EXPECT_NE(shape, nullptr);
}

TEST(Result, AMessageIsNeverTakenForANumber) {
  static_assert(!std::is_constructible_v<Result<bool>, const char*>, "\"text\" would read as true");
  static_assert(!std::is_constructible_v<Result<int>, const char*>);
  static_assert(std::is_constructible_v<Result<std::string>, const char*>);
  static_assert(std::is_constructible_v<Result<bool>, bool>);
  const Result<bool> no = false;
  ASSERT_TRUE(no) << "false is a value: the Result is fine";
  EXPECT_FALSE(*no);
}

TEST(Status, IsFineUnlessGivenAnError) {
  const Status fine;
  EXPECT_TRUE(fine);
  EXPECT_EQ(fine.error(), "");
  const Status failed = Error{"cannot write x.png: No such file or directory"};
  EXPECT_FALSE(failed);
  EXPECT_EQ(failed.error(), "cannot write x.png: No such file or directory");
}
