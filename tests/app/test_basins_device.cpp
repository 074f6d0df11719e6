// --basins-device: which device --basins runs on, the line saying so, and the fallback where the
// context has no compute shaders (LOSSCAPE_GL_VERSION_CAP makes llvmpipe's 4.5 look like 3.3).
#include "engine/app/cli/basins_device.hpp"
#include "engine/render/compute/swarm_rules.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

namespace losscape {
namespace {

namespace fs = std::filesystem;

struct DeviceRun {
  int exit_code;
  std::string output;  // stdout and stderr together
};

DeviceRun run(const std::string& environment, const std::string& arguments) {
  const std::string command = environment + " " + LOSSCAPE_BINARY + " " + arguments + " 2>&1";
  DeviceRun r{0, ""};
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) r.output += buffer.data();
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(BasinsDevice, TheNamesComeFromOneTable) {
  EXPECT_EQ(compute_device_choices(), "cpu, gpu or auto");
  EXPECT_EQ(parse_compute_device("gpu"), ComputeDevice::gpu);
  EXPECT_EQ(parse_compute_device("auto"), ComputeDevice::automatic);
  EXPECT_FALSE(parse_compute_device("GPU"));
}

TEST(BasinsDevice, TheGpuAndTheCpuWriteTheSameMapAndSayWhereTheyRan) {
  const fs::path folder = fs::temp_directory_path() / "losscape-basins-device";
  fs::create_directories(folder);
  const std::string common = "--function himmelblau --grid 64 --basins-csv ";
  const DeviceRun cpu = run("", common + (folder / "cpu.csv").string() + " --basins-device cpu");
  ASSERT_EQ(cpu.exit_code, 0) << cpu.output;
  EXPECT_EQ(first_line(cpu.output).rfind("basins computed on the CPU (", 0), 0u) << cpu.output;
  const DeviceRun gpu = run("", common + (folder / "gpu.csv").string() + " --basins-device gpu");
  if (gpu.output.find("no compute shaders") != std::string::npos) GTEST_SKIP() << gpu.output;
  ASSERT_EQ(gpu.exit_code, 0) << gpu.output;
  EXPECT_EQ(first_line(gpu.output).rfind("basins computed on the GPU (", 0), 0u) << gpu.output;
  EXPECT_NE(first_line(gpu.output).find("double precision"), std::string::npos) << gpu.output;
  // Every start's end to 6 digits, its steps and its outcome (Himmelblau at 64x64: no boundary
  // cell differs).
  EXPECT_EQ(read(folder / "cpu.csv"), read(folder / "gpu.csv"));
  fs::remove_all(folder);
}

TEST(BasinsDevice, AutoTakesTheCpuOnSoftwareGlAndSaysWhy) {
  const DeviceRun r = run("", "--function himmelblau --grid 16 --basins-csv /dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string line = first_line(r.output);
  if (line.find("software GL") == std::string::npos) GTEST_SKIP() << "a hardware GPU here: " << line;
  EXPECT_EQ(line.rfind("basins computed on the CPU (", 0), 0u) << line;
  // Where EGL's list of devices already says software GL (Mesa's software device only, as in CI),
  // no context is made; the context, made when the version cap is set, says the same.
  if (line.find("the only OpenGL here is software GL (Mesa's)") == std::string::npos) return;
  const DeviceRun asked = run("LOSSCAPE_GL_VERSION_CAP=9.9", "--function himmelblau --grid 16 --basins-csv /dev/null");
  ASSERT_EQ(asked.exit_code, 0) << asked.output;
  const std::string context_line = first_line(asked.output);
  EXPECT_EQ(context_line.rfind("basins computed on the CPU (", 0), 0u) << context_line;
  EXPECT_NE(context_line.find("the GL renderer, "), std::string::npos) << context_line;
  EXPECT_NE(context_line.find(", is software GL, slower than"), std::string::npos) << context_line;
}

TEST(BasinsDevice, WithoutComputeShadersAutoFallsBackAndGpuSaysWhyInOneLine) {
  const std::string capped = "LOSSCAPE_GL_VERSION_CAP=3.3";
  const DeviceRun automatic = run(capped, "--function himmelblau --grid 16 --basins-csv /dev/null");
  ASSERT_EQ(automatic.exit_code, 0) << automatic.output;
  const std::string line = first_line(automatic.output);
  const std::string why = "): OpenGL 3.3 (capped by LOSSCAPE_GL_VERSION_CAP) has no compute shaders (they need 4.3)";
  EXPECT_EQ(line.rfind("basins computed on the CPU (", 0), 0u) << line;
  EXPECT_TRUE(line.size() > why.size() && line.compare(line.size() - why.size(), why.size(), why) == 0) << line;
  const DeviceRun gpu = run(capped, "--function himmelblau --grid 16 --basins-csv /dev/null --basins-device gpu");
  EXPECT_EQ(gpu.exit_code, 1);
  EXPECT_EQ(gpu.output,
            "losscape: --basins-device gpu: OpenGL 3.3 (capped by LOSSCAPE_GL_VERSION_CAP) has no compute shaders "
            "(they need 4.3)\n");
}

TEST(BasinsDevice, AMethodTheGpuDoesNotStepRunsOnTheCpuAndSaysSo) {
  const DeviceRun r = run("", "--function himmelblau --optimizer newton --grid 16 --basins-csv /dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(first_line(r.output).find("not newton"), std::string::npos) << r.output;
  // Asked for the GPU by name, it says why not in one line and computes nothing (as without
  // compute shaders): --basins-device gpu never runs elsewhere.
  const DeviceRun gpu = run("", "--function himmelblau --optimizer adam --schedule ExponentialLR:gamma=0.99 --grid 16 "
                                "--basins-csv /dev/null --basins-device gpu");
  EXPECT_EQ(gpu.exit_code, 1);
  EXPECT_EQ(gpu.output, "losscape: --basins-device gpu: the GPU's basin maps step " + gpu_swarm_method_list() +
                            " only (as set, with no schedule), not adam with a "
                            "schedule\n");
}

}  // namespace
}  // namespace losscape
