// --solver end to end (docs/solver-protocol.md): the real binary, a solver process, the exported
// trajectories compared with the built-in method's, a picture, a scene file's solver.
#include "tests/app/run_binary.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace {

const std::string kSource = LOSSCAPE_SOURCE_DIR;

// Each ball's exported rows without its first two columns (ball, optimizer): step,x,y,f,gx,gy.
std::map<std::string, std::vector<std::string>> rows_by_ball(const fs::path& csv) {
  std::ifstream in(csv);
  std::map<std::string, std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    const auto first = line.find(',');
    const auto second = line.find(',', first + 1);
    rows[line.substr(0, first)].push_back(line.substr(second + 1));
  }
  return rows;
}

TEST(SolverCommandLine, GradientDescentInPythonAndInShExportsTheBuiltInGdTrajectoryBitForBit) {
  // A learning rate that is a power of two: p - lr*g is then exact in any language, and equals
  // gd's fused multiply-add.
  for (const std::string& solver : {"/usr/bin/python3 " + kSource + "/tests/solver/solver.py gd 0.0078125",
                                    "sh " + kSource + "/examples/solvers/gd.sh 0.0078125"}) {
    SCOPED_TRACE(solver);
    const fs::path csv = temp_path("solver.csv");
    const ProgramRun r = run("--function himmelblau --param lr=0.0078125 --start 1,1 --start -2,3 --solver '" + solver +
                             "' --steps 60 --export-trajectories " + csv.string());
    ASSERT_EQ(r.exit_code, 0) << r.errors;
    EXPECT_NE(r.output.find("ball 2 (solver): 60 steps"), std::string::npos) << r.output;
    const auto rows = rows_by_ball(csv);
    ASSERT_EQ(rows.size(), 4u);  // gd from each start, then the solver from each
    EXPECT_EQ(rows.at("0").size(), 61u);
    EXPECT_EQ(rows.at("2"), rows.at("0"));
    EXPECT_EQ(rows.at("3"), rows.at("1"));
  }
}

TEST(SolverCommandLine, TheMomentumExampleRunsAndAPictureIsDrawn) {
  const fs::path png = temp_path("solver.png");
  const ProgramRun r =
      run("--function himmelblau --start 1,1 --solver '/usr/bin/python3 " + kSource +
          "/examples/solvers/momentum.py 0.01 0.9' --steps 40 --screenshot " + png.string() + " --size 160x100");
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(r.errors, "");
  EXPECT_NE(r.output.find("ball 1 (solver): 40 steps"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(png));
}

TEST(SolverCommandLine, AScenesSolverRunsInTheScenesFolder) {
  const ProgramRun r = run(kSource + "/tests/solver/relative-solver.json --steps 30");
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.output.find("ball 0 (solver): 30 steps"), std::string::npos) << r.output;
}

TEST(SolverCommandLine, AFailedSolverStopsItsBallTheOthersRunOnAndTheExportIsWritten) {
  const fs::path csv = temp_path("solver-failed.csv");
  const ProgramRun r =
      run("--function himmelblau --start 1,1 --solver '/usr/bin/python3 " + kSource +
          "/tests/solver/solver.py hang' --solver-timeout 0.2 --steps 20 --export-trajectories " + csv.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("ball 0 (gd): 20 steps"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ball 1 (solver): 1 steps, x=1 y=1 f=106 |grad f|=59.7, stopped"), std::string::npos)
      << r.output;
  EXPECT_TRUE(fs::exists(csv));
  EXPECT_EQ(r.errors, "losscape: ball 1 (solver: /usr/bin/python3 " + kSource +
                          "/tests/solver/solver.py hang): step 0: no answer within 0.2 s (the solver was stopped)\n");
}

}  // namespace
