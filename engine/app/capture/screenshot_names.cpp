#include "engine/app/capture/screenshot_names.hpp"

#include "engine/scene/path_exists.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <set>

namespace losscape {
namespace {

std::string replaced(std::string text, const std::string& key, const std::string& value) {
  for (std::size_t at; (at = text.find(key)) != std::string::npos;) text.replace(at, key.size(), value);
  return text;
}

}  // namespace

std::string output_path(const std::string& name_template, const std::string& scene_name, const std::string& extension) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char date[16], time[16];
  std::strftime(date, sizeof date, "%Y%m%d", &local);
  std::strftime(time, sizeof time, "%H%M%S", &local);
  const std::string base =
      replaced(replaced(replaced(name_template, "{scene}", scene_name), "{date}", date), "{time}", time);
  const bool counted = base.find("{n}") != std::string::npos;
  // Files are written off the render thread, so a name handed out a moment ago may not exist yet:
  // two screenshots in one second got the same name, and the second overwrote the first. Every
  // name handed out in this run stays taken.
  static std::mutex handed_out_mutex;
  static std::set<std::string> handed_out;
  const std::lock_guard lock(handed_out_mutex);
  for (int n = 1;; ++n) {
    char number[16];
    std::snprintf(number, sizeof number, "%04d", n);
    std::string path = counted ? replaced(base, "{n}", number) : base;
    if (!counted && n > 1) path.append("-").append(std::to_string(n));
    path.append(extension);
    if (!path_exists(path) && handed_out.insert(path).second) return path;
  }
}

std::string next_output_path(const std::string& directory, const std::string& scene_name,
                             const std::string& extension) {
  return output_path((std::filesystem::path(directory) / "losscape-{scene}-{date}-{time}").string(), scene_name,
                     extension);
}

std::string slug(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-' && c != '\'') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 48);
}

}  // namespace losscape
