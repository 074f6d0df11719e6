// --stability, --stability-csv, --axes, --eps, --compare and --compare-functions end to end: the
// real binary, with no OpenGL, and what it writes read back.
#include "tests/app/run_binary.hpp"

#include <cmath>
#include <map>
#include <vector>

namespace {

std::vector<std::vector<std::string>> csv_rows(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields(1);
    for (const char c : line) {
      if (c == ',') {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    rows.push_back(fields);
  }
  return rows;
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Pixels within `tolerance` of this colour in each channel, in the columns [x0, x1) of the picture.
int count_colour(const losscape::Image& image, int x0, int x1, std::array<int, 3> rgb, int tolerance = 0) {
  int n = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = x0; x < std::min(x1, image.width); ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      bool near = true;
      for (int k = 0; k < 3; ++k) near = near && std::abs(p[k] - rgb[static_cast<std::size_t>(k)]) <= tolerance;
      n += near;
    }
  }
  return n;
}

}  // namespace

TEST(StabilityCommandLine, TheHeavyBallsMapOnTheBowlHasItsExactBoundaryAKeyAndAxesWithoutGL) {
  // f = x^2 + y^2: curvature 2, so the heavy ball converges exactly for lr < 1 + momentum.
  const fs::path png = temp_path("stability.png"), csv = temp_path("stability.csv");
  const ProgramRun r =
      run("--function bowl --optimizer momentum --start 3,-2 --axes lr=0.05:5,momentum=0:0.9 --grid 32 "
          "--steps 2000 --stability " +
              png.string() + " --stability-csv " + csv.string(),
          kNoGL);
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.output.find("32x32 cells of lr [0.05, 5] (log) x momentum [0, 0.9]: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("fastest: "), std::string::npos) << r.output;
  const auto rows = csv_rows(csv);
  ASSERT_EQ(rows.size(), 1u + 32u * 32u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"lr", "momentum", "outcome", "steps", "final_f"}));
  std::map<std::string, int> outcomes;
  for (std::size_t k = 1; k < rows.size(); ++k) {
    const double lr = std::stod(rows[k][0]), momentum = std::stod(rows[k][1]);
    const std::string& outcome = rows[k][2];
    ++outcomes[outcome];
    if (outcome == "diverged") {
      EXPECT_GT(lr, 1.0 + momentum) << "row " << k;
    } else if (outcome == "reached") {
      EXPECT_LT(lr, 1.0 + momentum) << "row " << k;
    }
  }
  EXPECT_GT(outcomes["reached"], 300);
  EXPECT_GT(outcomes["diverged"], 200);

  const std::optional<losscape::Image> image = read_png_image(png);
  ASSERT_TRUE(image);
  // Cells of 16 pixels (at least 512 across), the axes' values, the colour bar and the key.
  EXPECT_GT(image->width, 512 + 150);
  EXPECT_GT(image->height, 512 + 60);
  // The failures' colours in the cells, and each again in the key right of them.
  const int key_left = image->width - 200;
  EXPECT_GT(count_colour(*image, 0, key_left, {196, 48, 43}), 200 * 16 * 16) << "diverged cells";
  EXPECT_GT(count_colour(*image, key_left, image->width, {196, 48, 43}), 100) << "diverged in the key";
  EXPECT_GT(count_colour(*image, key_left, image->width, {205, 205, 205}), 100) << "not reached in the key";
  EXPECT_GT(count_colour(*image, key_left, image->width, {253, 231, 37}, 8), 3) << "the colour bar's bright end";
  EXPECT_GT(count_colour(*image, 0, 60, {30, 30, 34}), 30) << "the y axis's name and values";
}

TEST(StabilityCommandLine, EpsSetsTheTargetAndTheDefaultAxesAreLrAndTheNextParameter) {
  const ProgramRun loose = run("--function bowl --optimizer adam --stability-csv " + temp_path("adam.csv").string() +
                               " --grid 8 --eps 0.01");
  ASSERT_EQ(loose.exit_code, 0) << loose.errors;
  EXPECT_NE(loose.output.find("8x8 cells of lr [1e-05, 0.1] (log) x beta1 [0, 0.9999]: "), std::string::npos)
      << loose.output;
  const ProgramRun tight = run("--function bowl --optimizer adam --stability-csv " + temp_path("adam.csv").string() +
                               " --grid 8 --eps 1e-8");
  ASSERT_EQ(tight.exit_code, 0) << tight.errors;
  // Bowl from its default start: f(start) - f* scales eps.
  EXPECT_NE(loose.output.substr(0, loose.output.find('\n')), tight.output.substr(0, tight.output.find('\n')));
}

TEST(StabilityCommandLine, TheComparisonWritesTheSameBytesEveryTimeWithItsColumnsAndTable) {
  const std::string args = "--race gd,momentum,adam --compare-functions rosenbrock,bowl --steps 400 --compare ";
  const fs::path first = temp_path("compare1.csv"), second = temp_path("compare2.csv");
  const ProgramRun a = run(args + first.string(), kNoGL);
  ASSERT_EQ(a.exit_code, 0) << a.errors;
  const ProgramRun b = run(args + second.string(), kNoGL);
  ASSERT_EQ(b.exit_code, 0) << b.errors;
  EXPECT_EQ(file_text(first), file_text(second));
  const fs::path first_md = first.parent_path() / "compare1.md", second_md = second.parent_path() / "compare2.md";
  EXPECT_EQ(file_text(first_md), file_text(second_md));
  const auto rows = csv_rows(first);
  ASSERT_EQ(rows.size(), 1u + 2u * 3u);  // two functions, one start each, three methods
  EXPECT_EQ(rows[0], (std::vector<std::string>{"function", "start_x", "start_y", "optimizer", "best_lr", "outcome",
                                               "steps", "final_f", "f_star"}));
  EXPECT_EQ(rows[1][0], "rosenbrock");
  EXPECT_EQ(rows[1][3], "gd");
  EXPECT_EQ(rows[6][0], "bowl");
  EXPECT_EQ(rows[6][3], "adam");
  // On the bowl (curvature 2) gradient descent's best rate is the grid's nearest to 1/2, where one
  // step lands on the minimum: 10^-0.25 = 0.56 (10^-0.5 = 0.32 is further off).
  EXPECT_EQ(rows[4][3], "gd");
  EXPECT_EQ(std::stod(rows[4][4]), std::pow(10.0, -0.25));
  const std::string table = file_text(first_md);
  EXPECT_NE(table.find("### Rosenbrock from (-1.5, 2)"), std::string::npos) << table;
  EXPECT_NE(table.find("| rank | optimizer | best lr | steps to f - f* < eps | final f |"), std::string::npos);
  EXPECT_EQ(a.output.find(table), 0u) << "the table is printed too";
}

TEST(StabilityCommandLine, AScenesOwnAxesAreTheMapsUnlessAxesIsGiven) {
  const std::string scene = std::string(LOSSCAPE_SOURCE_DIR) + "/scenes/21-momentum-stability-map.json";
  const fs::path csv = temp_path("scene-map.csv");
  const ProgramRun own = run(scene + " --grid 8 --stability-csv " + csv.string());
  ASSERT_EQ(own.exit_code, 0) << own.errors;
  EXPECT_EQ(own.output.rfind("8x8 cells of lr [0.001, 0.3] (log) x momentum [0, 0.99]: ", 0), 0u) << own.output;
  // lr: four decades around the first ball's 0.11, within lr's range (at most 10).
  const ProgramRun given = run(scene + " --grid 8 --axes lr,weight_decay --stability-csv " + csv.string());
  ASSERT_EQ(given.exit_code, 0) << given.errors;
  EXPECT_EQ(given.output.rfind("8x8 cells of lr [0.0011, 10] (log) x weight_decay [0, 10]: ", 0), 0u) << given.output;
}
