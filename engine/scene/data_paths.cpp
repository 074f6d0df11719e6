#include "engine/scene/data_paths.hpp"

#include <cstdlib>
#include <system_error>

namespace losscape {
namespace fs = std::filesystem;

namespace {

// The environment variable's value, or an empty path when it is unset or empty.
fs::path from_environment(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? fs::path(value) : fs::path();
}

// This program's own file (Linux: /proc/self/exe), or an empty path when it cannot be read.
fs::path executable_path() {
  std::error_code ec;
  fs::path path = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : path;
}

// Whether `path` is `folder` or lies below it (both absolute and canonical).
bool is_inside(const fs::path& path, const fs::path& folder) {
  const fs::path relative = path.lexically_relative(folder);
  return !relative.empty() && *relative.begin() != "..";
}

// $variable when set, else data_directory()/name.
fs::path data_subfolder(const char* variable, const char* name) {
  fs::path env = from_environment(variable);
  return env.empty() ? data_directory() / name : env;
}

}  // namespace

fs::path data_directory() {
  if (fs::path env = from_environment("LOSSCAPE_DATA"); !env.empty()) return env;
  const fs::path executable = executable_path();
  if (executable.empty()) return {};  // no /proc: the current folder
  // LOSSCAPE_INSTALLED_DATA: the data folder relative to the binary's, as the install rules lay
  // them out (cmake/install.cmake), e.g. "../share/losscape".
  fs::path installed = (executable.parent_path() / LOSSCAPE_INSTALLED_DATA).lexically_normal();
  std::error_code ec;
  if (fs::is_directory(installed, ec)) return installed;
  // The build folder's paths are used only by a binary inside that folder: an installed copy
  // never reads the source tree, even while it still exists.
  if (is_inside(executable, fs::weakly_canonical(LOSSCAPE_BUILD_TREE, ec))) return LOSSCAPE_SOURCE_TREE;
  return installed;
}

fs::path shader_directory() { return data_subfolder("LOSSCAPE_SHADER_DIR", "shaders"); }

fs::path asset_directory() { return data_subfolder("LOSSCAPE_ASSET_DIR", "assets"); }

fs::path gallery_directory() { return data_directory() / "scenes"; }

}  // namespace losscape
