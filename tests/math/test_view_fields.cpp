// The view settings' table (engine/scene/view_fields.hpp): every row is a setting that a scene
// file writes and reads back, under its own key, and each flag and label names one setting.
#include "engine/scene/files/scene_file.hpp"
#include "engine/scene/view_fields.hpp"
#include "tests/take_result.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace losscape;

namespace {

// The setting of `field` away from its default: a switch turned over, a number at the top of its
// range, the second name of its list, or some text it takes.
void change(const ViewField& field, ViewSettings& view) {
  if (field.on_off) {
    view.*field.on_off = !(view.*field.on_off);
  } else if (field.number) {
    field.set_number(view, field.hi);
  } else if (!field.names) {  // free text: the one such row is the stability map's axes
    ASSERT_TRUE(field.set_text("lr,momentum", view)) << field.key;
  } else {
    ASSERT_TRUE(field.set_text(field.names().at(1), view)) << field.key;
  }
}

}  // namespace

TEST(ViewFields, EverySettingIsWrittenAndReadBack) {
  for (const ViewField& field : view_fields()) {
    Scene scene;
    change(field, scene.view);
    ASSERT_NE(scene.view, ViewSettings{}) << field.key;
    Scene again;
    std::string error;
    ASSERT_TRUE(losscape::testing::take_into(read_scene(write_scene(scene), "x.json", ""), again, error)) << error;
    EXPECT_EQ(again, scene) << field.key << "\n" << write_scene(scene);
  }
}

TEST(ViewFields, KeysFlagsAndLabelsEachNameOneSetting) {
  std::set<std::string> keys, flags, labels;
  for (const ViewField& field : view_fields()) {
    EXPECT_TRUE(keys.insert(field.key).second) << field.key;
    EXPECT_TRUE(!field.alias || keys.insert(field.alias).second) << field.alias;
    EXPECT_TRUE(!field.flag || flags.insert(field.flag).second) << field.flag;
    EXPECT_TRUE(!field.flag || field.flag_help) << field.flag;
    EXPECT_TRUE(!field.label || labels.insert(field.label).second) << field.label;
    // Exactly one kind of value; the mesh is text or a number.
    EXPECT_EQ((field.on_off != nullptr) + (field.set_text != nullptr || field.number != nullptr), 1) << field.key;
    EXPECT_EQ(field.set_text != nullptr, field.text != nullptr) << field.key;
    EXPECT_EQ(field.number != nullptr, field.set_number != nullptr) << field.key;
  }
}

TEST(ViewFields, AnUnknownFlagValueIsNamedWithWhatIsValid) {
  for (const ViewField& field : view_fields()) {
    if (field.key == std::string("colormap")) {
      EXPECT_EQ(invalid_view_flag(field, "jet"),
                "invalid --colormap 'jet': expected viridis, magma, cividis, turbo, terrain");
    } else if (field.key == std::string("theme")) {
      EXPECT_EQ(invalid_view_flag(field, "blue"), "invalid --theme 'blue': expected dark or light");
    }
  }
  EXPECT_EQ(split_view_key("arrows.gradient"), std::make_pair(std::string("arrows"), std::string("gradient")));
  EXPECT_EQ(split_view_key("trails"), std::make_pair(std::string(), std::string("trails")));
}
