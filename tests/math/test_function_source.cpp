// A scene's function source: the one text form (scene files, --function) parsed to its kind and
// printed back to the same text, and each kind made into its cost function.
#include "engine/scene/function_source.hpp"
#include "engine/scene/scene_factory.hpp"
#include "tests/take_result.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace losscape;

TEST(FunctionSource, EachTextFormIsItsKind) {
  EXPECT_EQ(parse_function_source("himmelblau"), FunctionSource{BuiltinSource{"himmelblau"}});
  EXPECT_EQ(parse_function_source("x^2 + 10*y^2"), FunctionSource{FormulaSource{"x^2 + 10*y^2"}});
  EXPECT_EQ(parse_function_source("mse"), FunctionSource{LineFitSource{}});
  EXPECT_EQ(parse_function_source("mse:points.csv"), FunctionSource{LineFitSource{"points.csv"}});
  EXPECT_EQ(parse_function_source("heightfield:h.png"), FunctionSource{HeightFieldSource{"h.png"}});
  EXPECT_EQ(parse_function_source("h5:s.h5"), (FunctionSource{LossSurfaceSource{"s.h5", "train_loss"}}));
  EXPECT_EQ(parse_function_source("h5:a/s.h5:test_acc"), (FunctionSource{LossSurfaceSource{"a/s.h5", "test_acc"}}));
  EXPECT_EQ(parse_function_source("h5:c:/s.h5"), FunctionSource{LossSurfaceSource{"c:/s.h5"}})
      << "no dataset has a '/'";
  // A name no built-in has is a formula, which then says it is an unknown function.
  EXPECT_EQ(parse_function_source("himmelbau"), FunctionSource{FormulaSource{"himmelbau"}});
  EXPECT_EQ(kLineFitExample, parse_function_source("mse"));
  EXPECT_EQ(kHeightFieldExample, parse_function_source("heightfield:height_field_example.csv"));
}

TEST(FunctionSource, PrintingGivesBackTheTextItWasReadFrom) {
  for (const std::string text : {"himmelblau", "a*x^2 + b*y^2 where a = 1, b = 10", "mse", "mse:points.csv",
                                 "mse:", "heightfield:height_field_example.csv", "heightfield:", "h5:s.h5",
                                 "h5:s.h5:test_loss", "h5:a:b.h5:train_loss", "x"}) {
    EXPECT_EQ(function_source_text(parse_function_source(text)), text);
  }
  EXPECT_NE(parse_function_source("mse:"), parse_function_source("mse")) << "\"mse:\" names no file; it is no example";
}

TEST(FunctionSource, EachKindMakesItsCostFunction) {
  struct Case {
    FunctionSource source;
    std::string name;
  };
  const std::vector<Case> cases = {{BuiltinSource{"rosenbrock"}, "rosenbrock"},
                                   {FormulaSource{"a*x^2 + y^2 where a = 2"}, "formula"},
                                   {LineFitSource{}, "mse"},
                                   {HeightFieldSource{"height_field_example.csv"}, "heightfield"}};
  for (const Case& c : cases) {
    Scene scene;
    scene.function = c.source;
    std::string error;
    const auto cost = losscape::testing::take(find_function(scene), error);
    ASSERT_NE(cost, nullptr) << error;
    EXPECT_EQ(cost->name(), c.name);
  }
  Scene scene;
  scene.function = FormulaSource{"a*x^2 + y^2 where a = 2"};
  scene.formula_parameters = {{"a", 5.0}};
  std::string error;
  const auto cost = losscape::testing::take(find_function(scene), error);
  ASSERT_NE(cost, nullptr) << error;
  EXPECT_EQ(cost->parameters(), (std::vector<std::pair<std::string, double>>{{"a", 5.0}}));
  EXPECT_DOUBLE_EQ(cost->value({1.0, 0.0}), 5.0) << "the scene's value over the where clause's";
  scene.function = FormulaSource{"himmelbau"};
  EXPECT_EQ(losscape::testing::take(find_function(scene), error), nullptr);
  EXPECT_EQ(error.rfind("unknown function 'himmelbau' (valid: ", 0), 0u) << error;
}

// A scene file's "h5:surface.h5:DATASET" is looked for beside the scene file, as other data is.
TEST(FunctionSource, ALossSurfaceIsFoundBesideTheSceneFile) {
  Scene scene;
  scene.directory = std::string(LOSSCAPE_SOURCE_DIR) + "/tests/math/data";
  scene.function = parse_function_source("h5:loss-surface.h5:train_acc");
  std::string error;
  const auto cost = losscape::testing::take(find_function(scene), error);
  ASSERT_NE(cost, nullptr) << error;
  EXPECT_EQ(cost->title(), "train_acc of loss-surface.h5");
  EXPECT_EQ(cost->value({0.0, 0.5}), 0.5 + 0.3 * 0.5 + 0.1 * 0.25 + 1.0) << "train_acc is train_loss + 1 there";
  const auto surfaces =
      losscape::testing::take(loss_surfaces_of(std::get<LossSurfaceSource>(scene.function), scene), error);
  EXPECT_EQ(surfaces.size(), 4u) << error;
}
