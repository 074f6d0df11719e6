// Where shaders, assets and scenes are read from (engine/scene/data_paths.hpp). This test
// program lies in the build folder, so it reads the source tree unless the environment says
// otherwise. (The installed binary's own lookup is checked by tests/install/check_install.sh.)
#include "engine/scene/data_paths.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

using namespace losscape;
namespace fs = std::filesystem;

namespace {

// Sets (or, with nullptr, unsets) one environment variable for the scope, then restores it: the
// tests also run one after another in a single process.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedVariable() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST(DataPaths, ABinaryInItsBuildFolderReadsTheSourceTree) {
  ScopedVariable data("LOSSCAPE_DATA", nullptr), shaders("LOSSCAPE_SHADER_DIR", nullptr),
      assets("LOSSCAPE_ASSET_DIR", nullptr);
  EXPECT_TRUE(fs::equivalent(data_directory(), LOSSCAPE_SOURCE_DIR)) << data_directory();
  EXPECT_EQ(shader_directory(), data_directory() / "shaders");
  EXPECT_EQ(asset_directory(), data_directory() / "assets");
  EXPECT_TRUE(fs::exists(shader_directory() / "terrain.vert"));
  EXPECT_TRUE(fs::exists(asset_directory() / "line_fit.csv"));
}

TEST(DataPaths, LosscapeDataNamesTheFolderOfAllThree) {
  ScopedVariable data("LOSSCAPE_DATA", "/opt/elsewhere"), shaders("LOSSCAPE_SHADER_DIR", nullptr),
      assets("LOSSCAPE_ASSET_DIR", nullptr);
  EXPECT_EQ(data_directory(), fs::path("/opt/elsewhere"));
  EXPECT_EQ(shader_directory(), fs::path("/opt/elsewhere/shaders"));
  EXPECT_EQ(asset_directory(), fs::path("/opt/elsewhere/assets"));
}

TEST(DataPaths, TheShaderAndAssetVariablesOverrideOneFolderEach) {
  ScopedVariable data("LOSSCAPE_DATA", "/opt/elsewhere"), shaders("LOSSCAPE_SHADER_DIR", "/tmp/my-shaders"),
      assets("LOSSCAPE_ASSET_DIR", "/tmp/my-assets");
  EXPECT_EQ(shader_directory(), fs::path("/tmp/my-shaders"));
  EXPECT_EQ(asset_directory(), fs::path("/tmp/my-assets"));
  EXPECT_EQ(data_directory(), fs::path("/opt/elsewhere"));
}
