// losscape's optimizers replayed against trajectories recorded from torch.optim 1.13 (float64,
// fed losscape's analytic gradient formula): tests/math/data/torch_*.csv, made once by
// scripts/record_torch_trajectories.py, so this runs without PyTorch. Every point must be the
// same double, from both the scalar step() and the basin maps' lanes. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/asgd.hpp"
#include "engine/core/optimizers/lbfgs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace losscape;
namespace fs = std::filesystem;

namespace {

struct Recording {
  std::string file, optimizer, function;
  std::vector<std::pair<std::string, double>> parameters;
  glm::dvec2 start{0.0};
  std::vector<std::vector<double>> rows;  // step, x, y[, ax, ay]
};

// "key=value" out of "# optimizer=... params=a=1,b=2 function=... start=x,y".
std::string field(const std::string& line, const std::string& key) {
  const std::size_t at = line.find(" " + key + "=");
  if (at == std::string::npos) return "";
  const std::size_t begin = at + key.size() + 2;
  return line.substr(begin, line.find(' ', begin) - begin);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
  return parts;
}

// strtod reads Python's repr() of a double back to the same double.
double number(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

Recording read_recording(const fs::path& path) {
  Recording r;
  r.file = path.filename().string();
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# optimizer=", 0) == 0) {
      r.optimizer = field(line, "optimizer");
      r.function = field(line, "function");
      for (const std::string& setting : split(field(line, "params"), ',')) {
        const std::size_t eq = setting.find('=');
        r.parameters.emplace_back(setting.substr(0, eq), number(setting.substr(eq + 1)));
      }
      const auto start = split(field(line, "start"), ',');
      r.start = {number(start.at(0)), number(start.at(1))};
    } else if (!line.empty() && line[0] != '#' && line.rfind("step", 0) != 0) {
      std::vector<double> row;
      for (const std::string& cell : split(line, ',')) row.push_back(number(cell));
      r.rows.push_back(row);
    }
  }
  return r;
}

std::vector<Recording> recordings() {
  std::vector<Recording> out;
  for (const auto& entry : fs::directory_iterator(fs::path(LOSSCAPE_SOURCE_DIR) / "tests/math/data")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("torch_", 0) == 0 && entry.path().extension() == ".csv") out.push_back(read_recording(entry.path()));
  }
  return out;
}

std::unique_ptr<Optimizer> configured(const Recording& r) {
  auto o = make_optimizer(r.optimizer);
  if (!o) return nullptr;
  for (const auto& [key, value] : r.parameters) EXPECT_EQ(o->set_parameter(key, value).error(), "") << r.file;
  return o;
}

}  // namespace

TEST(TorchTrajectories, EveryNewTorchMethodHasARecording) {
  std::set<std::string> recorded;
  for (const Recording& r : recordings()) {
    recorded.insert(r.optimizer);
    EXPECT_GT(r.rows.size(), 100u) << r.file;
  }
  for (const char* name : {"adamax", "nadam", "radam", "adadelta", "asgd", "rprop", "lbfgs"}) {
    EXPECT_TRUE(recorded.count(name)) << name << " has no tests/math/data/torch_*.csv";
  }
}

TEST(TorchTrajectories, EveryNewTorchOptionHasARecording) {
  // optimizer, then the options that must each be set (away from torch's default) in some recording.
  const std::vector<std::pair<std::string, std::vector<std::string>>> options = {
      {"gd", {"weight_decay", "maximize"}},
      {"momentum", {"dampening", "weight_decay"}},
      {"nesterov", {"maximize"}},
      {"adam", {"amsgrad"}},
      {"adamw", {"amsgrad", "maximize", "weight_decay"}},
      {"rmsprop", {"momentum", "centered", "maximize", "weight_decay"}},
      {"adagrad", {"lr_decay", "initial_accumulator_value", "maximize", "weight_decay"}},
      {"adamax", {"maximize"}},
      {"adadelta", {"maximize"}},
      {"asgd", {"maximize"}},
      {"rprop", {"maximize"}},
      {"lbfgs", {"lr", "max_iter", "max_eval", "history_size", "tolerance_grad", "tolerance_change", "strong_wolfe"}},
  };
  const std::vector<Recording> all = recordings();
  for (const auto& entry : options) {
    const std::string& optimizer = entry.first;  // not a structured binding: clang 14 cannot capture one
    for (const std::string& key : entry.second) {
      const bool recorded = std::any_of(all.begin(), all.end(), [&](const Recording& r) {
        if (r.optimizer != optimizer) return false;
        const double default_value = make_optimizer(optimizer)->parameter(key);
        return std::any_of(r.parameters.begin(), r.parameters.end(),
                           [&](const auto& kv) { return kv.first == key && kv.second != default_value; });
      });
      EXPECT_TRUE(recorded) << optimizer << "." << key << " is set in no tests/math/data/torch_*.csv";
    }
  }
}

TEST(TorchTrajectories, ScalarStepsAreTorchsBitForBit) {
  for (const Recording& r : recordings()) {
    auto o = configured(r);
    ASSERT_NE(o, nullptr) << r.file << ": unknown optimizer '" << r.optimizer << "'";
    auto cost = make_builtin_function(r.function);
    ASSERT_NE(cost, nullptr) << r.file;
    glm::dvec2 p = r.start;
    ASSERT_EQ(r.rows.front()[1], p.x) << r.file;
    ASSERT_EQ(r.rows.front()[2], p.y) << r.file;
    for (std::size_t i = 1; i < r.rows.size(); ++i) {
      const std::vector<double>& row = r.rows[i];
      p = o->step(*cost, p);
      ASSERT_EQ(p.x, row[1]) << r.file << ", step " << row[0];
      ASSERT_EQ(p.y, row[2]) << r.file << ", step " << row[0];
      if (row.size() == 4) {  // L-BFGS's evaluations of f so far, torch's state['func_evals']
        const auto& lbfgs = dynamic_cast<const Lbfgs&>(*o);
        ASSERT_EQ(static_cast<double>(lbfgs.function_evaluations()), row[3]) << r.file << ", step " << row[0];
        EXPECT_EQ(static_cast<double>(lbfgs.last_evaluations().size()), row[3] - r.rows[i - 1][3]) << r.file;
        EXPECT_EQ(lbfgs.last_evaluations().front(), glm::dvec2(r.rows[i - 1][1], r.rows[i - 1][2])) << r.file;
      }
      if (row.size() == 5) {  // ASGD's averaged point
        const glm::dvec2 ax = dynamic_cast<const Asgd&>(*o).averaged_position();
        ASSERT_EQ(ax.x, row[3]) << r.file << ", average at step " << row[0];
        ASSERT_EQ(ax.y, row[4]) << r.file << ", average at step " << row[0];
      }
    }
  }
}

TEST(TorchTrajectories, LanesAreTorchsBitForBit) {
  for (const Recording& r : recordings()) {
    auto o = configured(r);
    ASSERT_NE(o, nullptr) << r.file;
    auto lanes = o->lanes();
    if (r.optimizer == "lbfgs") {  // needs f too, and many evaluations a step: one start at a time
      EXPECT_EQ(lanes, nullptr);
      continue;
    }
    ASSERT_NE(lanes, nullptr) << r.file;
    lanes->reset();
    auto cost = make_builtin_function(r.function);
    const Domain everywhere{-1e300, 1e300, -1e300, 1e300};
    // Two lanes from the same start: both must follow torch.
    double x[2] = {r.start.x, r.start.x}, y[2] = {r.start.y, r.start.y}, gx[2], gy[2], nx[2], ny[2];
    for (std::size_t i = 1; i < r.rows.size(); ++i) {
      const glm::dvec2 g = cost->gradient({x[0], y[0]});
      gx[0] = gx[1] = g.x;
      gy[0] = gy[1] = g.y;
      EXPECT_FALSE(lanes->step(static_cast<double>(i), x, y, gx, gy, nx, ny, 2, everywhere)) << r.file;
      for (int lane = 0; lane < 2; ++lane) {
        ASSERT_EQ(nx[lane], r.rows[i][1]) << r.file << ", lane " << lane << ", step " << i;
        ASSERT_EQ(ny[lane], r.rows[i][2]) << r.file << ", lane " << lane << ", step " << i;
        x[lane] = nx[lane];
        y[lane] = ny[lane];
      }
    }
  }
}

// What the renderer draws beside a ball (Optimizer::companions): ASGD's averaged point once it has
// taken a step, L-BFGS's evaluations in its last step after its start; most methods have none.
TEST(OptimizerCompanions, AsgdsAverageAndLbfgssEvaluations) {
  auto cost = make_builtin_function("himmelblau");
  auto asgd = make_optimizer("asgd");
  ASSERT_TRUE(asgd->set_parameter("t0", 1.0));
  EXPECT_TRUE(asgd->companions().empty()) << "no average before the first step";
  glm::dvec2 p{-0.5, -4.0};
  for (int i = 0; i < 5; ++i) p = asgd->step(*cost, p);
  const auto averaged = asgd->companions();
  ASSERT_EQ(averaged.size(), 1u);
  EXPECT_EQ(averaged[0].kind, Optimizer::Companion::Kind::averaged);
  EXPECT_EQ(averaged[0].position, dynamic_cast<const Asgd&>(*asgd).averaged_position());
  EXPECT_NE(averaged[0].position, p) << "after step t0 + 2 the average lags the ball";

  auto lbfgs = make_optimizer("lbfgs");
  ASSERT_TRUE(lbfgs->set_parameter("strong_wolfe", 1.0));
  lbfgs->step(*cost, {-0.5, -4.0});
  const auto& evaluated = dynamic_cast<const Lbfgs&>(*lbfgs).last_evaluations();
  const auto dots = lbfgs->companions();
  ASSERT_EQ(dots.size() + 1, evaluated.size());
  for (std::size_t i = 0; i < dots.size(); ++i) {
    EXPECT_EQ(dots[i].kind, Optimizer::Companion::Kind::evaluated);
    EXPECT_EQ(dots[i].position, evaluated[i + 1]);
  }
  EXPECT_TRUE(make_optimizer("adam")->companions().empty());
}
