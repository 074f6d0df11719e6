#include "engine/scene/training_path_file.hpp"

#include "engine/core/one_line.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace losscape {
namespace {

std::string trimmed(const std::string& text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  const auto first = std::find_if_not(text.begin(), text.end(), space);
  const auto last = std::find_if_not(text.rbegin(), text.rend(), space).base();
  return first < last ? std::string(first, last) : std::string();
}

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::stringstream stream(line);
  while (std::getline(stream, field, ',')) out.push_back(trimmed(field));
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

// The column of the first of `names` the header has.
std::optional<std::size_t> column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const auto at = std::find(header.begin(), header.end(), name);
    if (at != header.end()) return static_cast<std::size_t>(at - header.begin());
  }
  return std::nullopt;
}

std::string shortened(const std::string& text) {
  return one_line(text.size() > 20 ? text.substr(0, 20) + "..." : text);
}

// Where a list that is optional has values: none or one per point.
Status one_per_point(std::size_t count, std::size_t points, const std::string& name, const std::string& path) {
  if (count == 0 || count == points) return {};
  return Error{path + ": '" + name + "' has " + std::to_string(count) + " values, expected " + std::to_string(points) +
               " (one per checkpoint)"};
}

}  // namespace

Status check_training_path(const TrainingPath& t, const std::string& x_name, const std::string& y_name) {
  const std::string& path = t.source;
  if (t.points.empty()) return Error{path + ": no checkpoints ('" + x_name + "' and '" + y_name + "' are empty)"};
  for (std::size_t k = 0; k < t.points.size(); ++k) {
    const glm::dvec2 p = t.points[k];
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
      std::ostringstream at;
      at << path << ": checkpoint " << k << " is at (" << p.x << ", " << p.y << "): not a finite point";
      return Error{at.str()};
    }
  }
  for (const auto& [values, name] : {std::pair{&t.loss, "train_loss"}, std::pair{&t.accuracy, "train_acc"}}) {
    if (Status ok = one_per_point(values->size(), t.points.size(), name, path); !ok) return ok;
    for (std::size_t k = 0; k < values->size(); ++k) {
      if (!std::isfinite((*values)[k])) {
        std::ostringstream at;
        at << path << ": '" << name << "' has " << (*values)[k] << " at checkpoint " << k;
        return Error{at.str()};
      }
    }
  }
  return one_per_point(t.checkpoints.size(), t.points.size(), "checkpoints", path);
}

Result<TrainingPath> load_training_path(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".h5" || extension == ".hdf5") return load_training_path_h5(path);
  return load_training_path_csv(path);
}

Result<TrainingPath> load_training_path_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{"cannot open " + path + ": " + std::strerror(errno)};
  TrainingPath t;
  t.source = path;
  std::string line;
  int number = 0;
  std::vector<std::string> header;
  std::optional<std::size_t> x, y, loss, accuracy, name, ball;
  std::optional<std::string> first_ball;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trimmed(line).empty() || line[0] == '#') continue;
    const std::vector<std::string> row = fields(line);
    if (header.empty()) {
      header = row;
      x = column(header, {"x"}), y = column(header, {"y"});
      if (!x || !y) {
        return Error{path + ":" + std::to_string(number) + ": the header names no '" + (x ? "y" : "x") +
                     "' column (a training path's CSV has columns x and y, one row per checkpoint)"};
      }
      loss = column(header, {"train_loss", "loss"}), accuracy = column(header, {"train_acc", "accuracy"});
      name = column(header, {"checkpoint"}), ball = column(header, {"ball"});
      continue;
    }
    if (row.size() != header.size()) {
      return Error{path + ":" + std::to_string(number) + ": row has " + std::to_string(row.size()) +
                   " values, the header " + std::to_string(header.size())};
    }
    if (ball) {  // --export-trajectories: one ball's steps replay; several are refused, not guessed
      if (!first_ball) first_ball = row[*ball];
      if (row[*ball] != *first_ball) {
        return Error{path + ":" + std::to_string(number) + ": a second ball ('" + shortened(row[*ball]) + "' after '" +
                     shortened(*first_ball) + "'): a training path is one ball's steps"};
      }
    }
    const auto read = [&](std::size_t at, double& out) -> Status {
      const std::string& text = row[at];
      std::size_t used = 0;
      try {
        out = std::stod(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (text.empty() || used != text.size() || !std::isfinite(out)) {
        return Error{path + ":" + std::to_string(number) + ": '" + one_line(header[at]) +
                     "' is not a finite number: '" + shortened(text) + "'"};
      }
      return {};
    };
    glm::dvec2 p;
    if (Status ok = read(*x, p.x); !ok) return Error{ok.error()};
    if (Status ok = read(*y, p.y); !ok) return Error{ok.error()};
    t.points.push_back(p);
    for (const auto& [at, list] : {std::pair{loss, &t.loss}, std::pair{accuracy, &t.accuracy}}) {
      if (!at) continue;
      double v = 0.0;
      if (Status ok = read(*at, v); !ok) return Error{ok.error()};
      list->push_back(v);
    }
    if (name) t.checkpoints.push_back(row[*name]);
    if (t.points.size() > 10'000'000) return Error{path + ": more than 10 million checkpoints"};
  }
  if (header.empty())
    return Error{path + ": empty (a training path's CSV has columns x and y, one row per checkpoint)"};
  if (Status ok = check_training_path(t, "x", "y"); !ok) return Error{ok.error()};
  return t;
}

}  // namespace losscape
