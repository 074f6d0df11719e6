// The command line end to end: runs the real losscape binary.
#include "tests/app/image_files.hpp"
#include "tests/app/run_binary.hpp"

#include <cctype>
#include <cstdlib>
#include <optional>
#include <set>

TEST(CommandLine, HeadlessScreenshotWritesADecodablePngOfExactlyTheSize) {
  const fs::path png = temp_path("shot.png");
  const ProgramRun r = run("--headless --size 321x203 --screenshot " + png.string());
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  const auto [w, h] = image_size(png);
  EXPECT_EQ(w, 321) << "the PNG does not decode, or is not the size asked for";
  EXPECT_EQ(h, 203);
}

TEST(CommandLine, ExportTrajectoriesWritesTheDocumentedColumns) {
  const fs::path csv = temp_path("trajectory.csv");
  const ProgramRun r =
      run("--function bowl --param lr=0.1 --start 4,3 --start -1,2 --steps 5 --export-trajectories " + csv.string());
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  std::ifstream in(csv);
  std::stringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  ASSERT_EQ(content.rfind("ball,optimizer,step,x,y,f,gx,gy\n", 0), 0u) << content;
  EXPECT_EQ(count_lines(content), 1u + 2u * 6u);  // header + (start + 5 steps) per ball
  EXPECT_NE(content.find("0,gd,0,4,3,25,8,6\n"), std::string::npos) << content;
  // Step 1 from (4, 3) with lr 0.1 on x^2 + y^2 is (3.2, 2.4), printed at full precision.
  EXPECT_NE(content.find("0,gd,1,3.2000000000000002,2.3999999999999999,"), std::string::npos) << content;
  EXPECT_NE(content.find("1,gd,0,-1,2,5,-2,4\n"), std::string::npos) << content;
}

TEST(CommandLine, StepsAndExportNeedNoGL) {
  const ProgramRun r =
      run("--function booth --steps 50 --export-trajectories " + temp_path("nogl.csv").string(), kNoGL);
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.output.find("ball 0 (gd): 50 steps"), std::string::npos) << r.output;
}

TEST(CommandLine, NoGLAvailableIsAClearError) {
  const ProgramRun r = run("--headless --size 64x64 --screenshot " + temp_path("nogl.png").string(), kNoGL);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.errors.find("losscape: no OpenGL available"), std::string::npos) << r.errors;
  EXPECT_EQ(count_lines(r.errors), 1u) << r.errors;
}

struct BadInput {
  const char* arguments;
  const char* message;
};

class CommandLineBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CommandLineBadInput, ExitsNonZeroWithOneLineNamingTheProblem) {
  const ProgramRun r = run(GetParam().arguments);
  EXPECT_NE(r.exit_code, 0) << r.errors;
  EXPECT_NE(r.errors.find(GetParam().message), std::string::npos) << r.errors;
  EXPECT_EQ(count_lines(r.errors), 1u) << r.errors;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CommandLineBadInput,
    ::testing::Values(
        BadInput{"--function nosuch --steps 1", "unknown function 'nosuch' (valid: bowl, saddle,"},
        BadInput{"--optimizer nosuch --steps 1", "unknown optimizer 'nosuch' (valid: gd"},
        BadInput{"--optimizer lookahead:adamm --steps 1",
                 "unknown optimizer 'adamm' inside 'lookahead:adamm' (valid after 'lookahead:': gd, momentum,"},
        BadInput{"--race sam:lookahead,gd --steps 1",
                 "optimizer 'sam:lookahead': a wrapper wraps a method that is not itself a wrapper (valid after"},
        BadInput{"--optimizer lookahead --param lookahead_k=0 --steps 1", "lookahead_k: must be >= 1, got 0"},
        BadInput{"--param lr=-1 --steps 1", "lr: must be > 0, got -1"},
        BadInput{"--schedule Cosine:T_max=5 --steps 1", "--schedule: unknown schedule 'Cosine' (valid: StepLR,"},
        BadInput{"--schedule CosineAnnealingLR:Tmax=5 --steps 1",
                 "--schedule: unknown key 'Tmax' for schedule CosineAnnealingLR (valid: T_max, eta_min)"},
        BadInput{"--schedule StepLR:step_size=0 --steps 1", "--schedule: StepLR: step_size must be >= 1, got 0"},
        BadInput{"--optimizer neldermead --schedule StepLR:step_size=5 --steps 1",
                 "schedule StepLR: optimizer 'neldermead' has no lr to schedule"},
        BadInput{"--schedule CyclicLR:max_lr=1,cycle_momentum=1 --steps 1",
                 "schedule CyclicLR: cycle_momentum=1 but optimizer 'gd' has no momentum to cycle"},
        BadInput{"--param speed=2 --steps 1",
                 "unknown parameter 'speed' for optimizer 'gd' (valid: lr, weight_decay, maximize)"},
        BadInput{"--param lr --steps 1", "invalid --param 'lr': expected KEY=VALUE"},
        BadInput{"--param lr=fast --steps 1", "'fast' is not a number"},
        BadInput{"--start '1;2' --steps 1", "invalid --start '1;2': expected X,Y"},
        BadInput{"--size 0x100 --headless", "invalid --size '0x100'"},
        BadInput{"--size big --headless", "invalid --size 'big'"}, BadInput{"--steps -3", "--steps"},
        BadInput{"--no-such-flag", "no-such-flag"},
        BadInput{"--headless --size 64x64 --screenshot /nonexistent-dir/x.png",
                 "cannot write /nonexistent-dir/x.png: No such file or directory"},
        BadInput{"--race gd,nosuch --steps 1", "unknown optimizer 'nosuch' (valid: gd"},
        BadInput{"--param adam.lr=0.1 --steps 1",
                 "--param adam.lr: optimizer 'adam' is not in this scene (it has: gd)"},
        BadInput{"--camera 10 --headless", "invalid --camera '10': expected YAW,PITCH"},
        BadInput{"--function \"x^2\" --domain 1,0,0,1 --steps 1", "invalid --domain '1,0,0,1'"},
        BadInput{"--function \"2x\" --steps 1", "expected an operator after '2' at column 2 (write 2*x, not 2x)"},
        BadInput{"--camera 10,95 --headless", "invalid --camera '10,95'"},
        BadInput{"--camera 10,40,100 --headless", "invalid --camera '10,40,100'"},
        BadInput{"--camera above --headless", "or a view: default, top, front, side, corner"},
        BadInput{"--basins /nonexistent-dir/b.png --grid 8",
                 "cannot write /nonexistent-dir/b.png: No such file or directory"},
        BadInput{"--basins b.png --grid 1", "--grid"},
        BadInput{"--steps 1 --export-trajectories /nonexistent-dir/t.csv",
                 "cannot write /nonexistent-dir/t.csv: No such file or directory"},
        BadInput{"--swarm 100 --swarm-layout hexagonal --steps 1",
                 "invalid --swarm-layout 'hexagonal': expected grid, random or lhs"},
        BadInput{"--swarm 0 --steps 1", "--swarm: Value 0 not in range 1 to 1000000"},
        BadInput{"--swarm 2000000 --steps 1", "--swarm: Value 2000000 not in range 1 to 1000000"},
        // Not CLI11's "not in range 0.000000 to 1797693134862315708..." with three hundred digits.
        BadInput{"--steps -5", "--steps: Value -5 not in range: 0 or more"},
        BadInput{"--slide 0 --steps 1", "--slide: Value 0 not in range: 1 or more"},
        BadInput{"--seed -1 --swarm 10 --steps 1", "--seed: Value -1 not in range: 0 to 9007199254740992"},
        BadInput{"--seed 9007199254740993 --steps 1",
                 "--seed: Value 9007199254740993 not in range: 0 to 9007199254740992"},
        BadInput{"--seed x --steps 1", "Could not convert: --seed = x"},
        BadInput{"--noise -1 --steps 1", "--noise: Value -1 not in range: 0 to 1e+06"},
        BadInput{"--noise much --steps 1", "--noise: 'much' is not a number"},
        BadInput{"--function mse --batch-size 0 --steps 1", "--batch-size: Value 0 not in range: 1 or more"},
        BadInput{"--function mse --batch-size 31 --steps 1",
                 "batch_size: must be 1 to 30 (the samples in Line fit (MSE)), got 31"},
        BadInput{"--batch-size 4 --steps 1",
                 "batch_size: needs a data-backed cost (mse:FILE.csv); Himmelblau has no samples to draw from"},
        BadInput{"scenes/01-bowl.json --noise 1 --steps 1",
                 "--noise cannot be combined with a scene file: edit the scene, or leave the file out"},
        BadInput{"--colormap jet --headless",
                 "invalid --colormap 'jet': expected viridis, magma, cividis, turbo, terrain"},
        BadInput{"--colour-by curvature --headless",
                 "invalid --colour-by 'curvature': expected height, slope or basin"},
        BadInput{"--height-scale sqrt --headless", "invalid --height-scale 'sqrt': expected linear or log"},
        BadInput{"--theme blue --headless", "invalid --theme 'blue': expected dark or light"},
        // A path longer than the system allows (std::filesystem::exists threw, ending the program).
        BadInput{"--function \"heightfield:$(printf 'a%.0s' $(seq 1 5000)).png\" --steps 1", "cannot read aaaaaaaaaa"},
        BadInput{"--record \"/tmp/$(printf 'a%.0s' $(seq 1 5000))\" --seconds 1", "cannot record into /tmp/aaaaaaa"},
        // A value holding a newline or a control byte is quoted with it escaped: still one line.
        BadInput{"--theme \"$(printf 'dark\\nlight')\" --headless", "invalid --theme 'dark\\nlight'"},
        BadInput{"--function \"$(printf 'x^2 +\\001 y')\" --steps 1",
                 "formula 'x^2 +\\x01 y': unexpected character '\\x01' at column 6"},
        BadInput{"--resolution 1 --headless", "invalid --resolution '1': expected auto, auto:N (finest grid at least N "
                                              "a side, 2 to 1025) or N (uniform, 2 to 2048)"},
        BadInput{"--resolution fine --headless", "invalid --resolution 'fine': expected auto, auto:N (finest grid at "
                                                 "least N a side, 2 to 1025) or N (uniform, 2 to 2048)"}),
    [](const ::testing::TestParamInfo<BadInput>& param_info) {
      // A readable test name from the arguments: "--param lr=-1" -> "param_lr_1".
      std::string name;
      for (const char* c = param_info.param.arguments; *c && name.size() < 40; ++c) {
        if (std::isalnum(static_cast<unsigned char>(*c))) name += *c;
        else if (!name.empty() && name.back() != '_') name += '_';
      }
      return name + "_" + std::to_string(param_info.index);
    });

TEST(CommandLine, RaceRunsOneBallPerOptimizerFromTheSameStart) {
  const fs::path csv = temp_path("race.csv");
  const ProgramRun r = run("--function booth --race all --start -6,-4 --steps 3 --export-trajectories " + csv.string());
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  std::set<std::string> optimizers;
  while (std::getline(in, line)) {
    const auto first = line.find(','), second = line.find(',', first + 1);
    optimizers.insert(line.substr(first + 1, second - first - 1));
    if (line.find(",0,") == second) {
      EXPECT_NE(line.find(",0,-6,-4,"), std::string::npos) << line;  // same start
    }
  }
  // --list-optimizers prints each group on an unindented line ending in ':', each of its
  // optimizers indented two spaces, their parameters further.
  const ProgramRun list = run("--list-optimizers");
  std::set<std::string> listed;
  std::vector<std::string> groups;
  std::istringstream lines(list.output);
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != ' ') groups.push_back(line);
    if (line.size() > 2 && line.rfind("  ", 0) == 0 && line[2] != ' ')
      listed.insert(line.substr(2, line.find(' ', 2) - 2));
  }
  EXPECT_EQ(optimizers, listed);
  ASSERT_GE(groups.size(), 4u) << list.output;
  EXPECT_EQ(groups[0], "classic:");
  EXPECT_EQ(groups[2], "second-order and quasi-Newton:");
}

TEST(CommandLine, AWrappedMethodIsNamedWrapperColonInnerAndItsKeysTargetIt) {
  // Lookahead with k = 1 and alpha = 1 is its inner method: the two balls end at the same point.
  const ProgramRun r = run("--function himmelblau --race lookahead:momentum,momentum --param lr=0.01 "
                           "--param lookahead:momentum.lookahead_k=1 --param lookahead:momentum.lookahead_alpha=1 "
                           "--steps 40");
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  const auto after = [&](const std::string& ball) {
    const auto at = r.output.find(ball);
    return at == std::string::npos ? std::string("missing") : r.output.substr(at + ball.size(), 60);
  };
  EXPECT_NE(after("ball 0 (lookahead:momentum): 40 steps"), "missing") << r.output;
  EXPECT_EQ(after("ball 0 (lookahead:momentum): 40 steps"), after("ball 1 (momentum): 40 steps")) << r.output;
}

TEST(CommandLine, CameraChangesThePicture) {
  const fs::path a = temp_path("view_a.png"), b = temp_path("view_b.png");
  ASSERT_EQ(run("--headless --size 64x48 --screenshot " + a.string()).exit_code, 0);
  ASSERT_EQ(run("--headless --size 64x48 --camera 120,70,5 --screenshot " + b.string()).exit_code, 0);
  const fs::path c = temp_path("view_c.png");
  ASSERT_EQ(run("--headless --size 64x48 --camera top --screenshot " + c.string()).exit_code, 0);
  auto bytes = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  EXPECT_NE(bytes(a), bytes(b));
  EXPECT_NE(bytes(a), bytes(c)) << "--camera top: the flat top-down view";
}

TEST(CommandLine, FormulasWorkWhereverNamesDo) {
  const ProgramRun typed = run("--function \"(x^2+y-11)^2+(x+y^2-7)^2\" --start -0.4,-0.2 --steps 100");
  const ProgramRun builtin = run("--function himmelblau --start -0.4,-0.2 --steps 100");
  ASSERT_EQ(typed.exit_code, 0) << typed.errors;
  // The printed summary (10 significant digits) is the same.
  EXPECT_EQ(typed.output.substr(typed.output.find("steps")), builtin.output.substr(builtin.output.find("steps")));
  // A formula's default start is where it is defined.
  const ProgramRun half = run("--function \"sqrt(x) + y^2\" --steps 0");
  EXPECT_NE(half.output.find("running"), std::string::npos) << half.output;
  const ProgramRun bad = run("--function \"x + sinn(y)\" --steps 1");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.errors, "losscape: formula 'x + sinn(y)': unknown function 'sinn' at column 5\n");
}

TEST(CommandLine, DataBackedFunctions) {
  const ProgramRun mse = run("--function mse --param lr=0.1 --steps 3000");
  ASSERT_EQ(mse.exit_code, 0) << mse.errors;
  EXPECT_NE(mse.output.find("x=2.033212"), std::string::npos) << mse.output;  // the least-squares w
  const ProgramRun field = run("--function heightfield:height_field_example.csv --steps 10");
  EXPECT_EQ(field.exit_code, 0) << field.errors;
  const ProgramRun missing = run("--function mse:/nonexistent/data.csv --steps 1");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.errors, "losscape: cannot open /nonexistent/data.csv: No such file or directory\n");
}

TEST(CommandLine, NoiseAndMinibatchesAreReproducibleBySeed) {
  const std::string noisy = "--function himmelblau --start -1,1 --optimizer sgld --noise 2 --steps 200 --seed ";
  const ProgramRun first = run(noisy + "7"), again = run(noisy + "7"), other = run(noisy + "8");
  ASSERT_EQ(first.exit_code, 0) << first.errors;
  EXPECT_EQ(first.output, again.output);
  EXPECT_NE(first.output, other.output);
  const ProgramRun plain = run("--function himmelblau --start -1,1 --steps 200");
  EXPECT_EQ(plain.output, run("--function himmelblau --start -1,1 --noise 0 --seed 99 --steps 200").output)
      << "zero noise is the noiseless run";
  const std::string batches = "--function mse --batch-size 5 --param lr=0.05 --steps 300 --seed ";
  const ProgramRun batch = run(batches + "3");
  ASSERT_EQ(batch.exit_code, 0) << batch.errors;
  EXPECT_EQ(batch.output, run(batches + "3").output);
  EXPECT_NE(batch.output, run(batches + "4").output);
  EXPECT_EQ(run("--function mse --param lr=0.1 --steps 3000").output,
            run("--function mse --batch-size 30 --param lr=0.1 --steps 3000").output)
      << "a batch of all 30 points is the full gradient";
}

TEST(CommandLine, BasinsWritesTheMapTheRowsAndASummaryWithoutGL) {
  const fs::path png = temp_path("basins.png"), csv = temp_path("basins.csv");
  const ProgramRun r =
      run("--function himmelblau --basins " + png.string() + " --grid 40 --basins-csv " + csv.string(), kNoGL);
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(image_size(png), std::make_pair(40, 40));
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "x0,y0,minimum,minimum_x,minimum_y,steps,status");
  std::size_t rows = 0;
  while (std::getline(in, line)) ++rows;
  EXPECT_EQ(rows, 1600u);
  EXPECT_NE(r.output.find("minimum 0 at (3, 2), f = 0 (global):"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("point-steps/s"), std::string::npos) << r.output;
}

TEST(CommandLine, ASwarmIsSummedUpByMinimumNotListedBallByBall) {
  const ProgramRun r = run("--function himmelblau --swarm 400 --swarm-layout grid --steps 3000");
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(count_lines(r.output), 2u) << "one line for the ball, one for the swarm:\n" << r.output;
  EXPECT_NE(r.output.find("swarm of 400: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("% at (3, 2) global;"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("0.0% running, 0.0% diverged"), std::string::npos) << r.output;
  // The same seed gives the same swarm; another seed, another.
  const std::string random = "--function rastrigin --param lr=0.002 --swarm 300 --swarm-layout lhs --steps 400";
  EXPECT_EQ(run(random + " --seed 5").output, run(random + " --seed 5").output);
  EXPECT_NE(run(random + " --seed 5").output, run(random + " --seed 6").output);
}

TEST(CommandLine, ShowBasinsPaintsTheMapOnTheTerrain) {
  const fs::path plain = temp_path("plain.png"), painted = temp_path("painted.png");
  ASSERT_EQ(run("--headless --size 160x120 --grid 32 --screenshot " + plain.string()).exit_code, 0);
  const ProgramRun result = run("--headless --size 160x120 --grid 32 --show-basins --screenshot " + painted.string());
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  // Himmelblau's second basin is orange (hue 30 degrees): viridis never is (its yellow end is
  // at 55), nor is the red ball (5). Lighting changes brightness, not hue.
  auto orange_pixels = [](const fs::path& path) {
    const std::optional<losscape::Image> image = read_png_image(path);
    int n = 0;
    for (std::size_t i = 0; image && i < image->rgba.size(); i += 4) {
      const float r = image->rgba[i] / 255.0f, g = image->rgba[i + 1] / 255.0f, b = image->rgba[i + 2] / 255.0f;
      const float hi = std::max({r, g, b}), lo = std::min({r, g, b});
      if (hi < 0.25f || hi - lo < 0.4f * hi || r != hi) continue;  // dim, grey, or not red-led
      const float hue = 60.0f * (g - b) / (hi - lo);
      n += hue >= 22.0f && hue <= 36.0f;  // not the gold pins (44)
    }
    return n;
  };
  EXPECT_LT(orange_pixels(plain), 10) << "only the red ball's edge may look orange";
  EXPECT_GT(orange_pixels(painted), 150) << "about a tenth of the picture is that basin";
}

TEST(CommandLine, SceneFilesRunFromTheCommandLine) {
  const std::string scenes = std::string(LOSSCAPE_SOURCE_DIR) + "/scenes/";
  const ProgramRun race = run(scenes + "05-rosenbrock-valley.json --steps 10");
  ASSERT_EQ(race.exit_code, 0) << race.errors;
  EXPECT_EQ(count_lines(race.output), 3u) << race.output;
  EXPECT_NE(race.output.find("ball 2 (adam)"), std::string::npos) << race.output;
  // --param applies on top of the file, to every ball that has the key.
  const ProgramRun faster = run(scenes + "02-learning-rates.json --param lr=0.2 --steps 1");
  ASSERT_EQ(faster.exit_code, 0) << faster.errors;
  EXPECT_EQ(count_lines(faster.output), 4u);
  EXPECT_NE(faster.output.find("x=3.6 y=-3"), std::string::npos) << "6 - 0.2 * 2 * 6 = 3.6\n" << faster.output;
  // A deck starts on --slide N.
  const ProgramRun deck = run(scenes + "decks/intro.json --slide 5 --steps 1");
  ASSERT_EQ(deck.exit_code, 0) << deck.errors;
  EXPECT_NE(deck.output.find("(momentum)"), std::string::npos) << "slide 5 is Rosenbrock's race\n" << deck.output;
}

TEST(CommandLine, SceneFileMistakesAreOneLineWithWhere) {
  const fs::path broken = temp_path("broken.json"), missing = temp_path("missing_data.json");
  std::ofstream(broken) << "{\"function\": \"bowl\",\n \"balls\": [{\"optimizer\": {\"name\": \"gd\", \"lr\": -1}}]}";
  const ProgramRun r = run(broken.string() + " --steps 1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.errors, "losscape: " + broken.string() + ":2:47: balls[0].optimizer.lr: must be > 0, got -1\n");
  // A data file the scene names but that is not there: where in the scene, and what.
  std::ofstream(missing) << "{\n  \"function\": \"mse:no_such_points.csv\"\n}";
  const ProgramRun data = run(missing.string() + " --steps 1");
  EXPECT_EQ(data.exit_code, 2);
  EXPECT_EQ(data.errors, "losscape: " + missing.string() +
                             ":2:15: function: cannot open no_such_points.csv: No such file or directory\n");
  const ProgramRun mixed = run(broken.string() + " --function rosenbrock --steps 1");
  EXPECT_EQ(mixed.errors,
            "losscape: --function cannot be combined with a scene file: edit the scene, or leave the file out\n");
  const std::string deck = std::string(LOSSCAPE_SOURCE_DIR) + "/scenes/decks/intro.json";
  const ProgramRun slide = run(deck + " --slide 99 --steps 1");
  EXPECT_EQ(slide.exit_code, 2);
  EXPECT_NE(slide.errors.find("invalid --slide 99: "), std::string::npos) << slide.errors;
  const ProgramRun none = run("/nonexistent/scene.json --steps 1");
  EXPECT_EQ(none.errors, "losscape: cannot open /nonexistent/scene.json: no such file\n");
}

TEST(CommandLine, PicturesAreByteIdenticalRunToRunAndAnySizeUpTo8K) {
  const fs::path a = temp_path("same_a.png"), b = temp_path("same_b.png"), big = temp_path("big.png");
  const std::string scene =
      std::string(LOSSCAPE_SOURCE_DIR) + "/scenes/06-rastrigin-swarm.json --headless --size 320x180";
  ASSERT_EQ(run(scene + " --screenshot " + a.string()).exit_code, 0);
  ASSERT_EQ(run(scene + " --screenshot " + b.string()).exit_code, 0);
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  const std::string da((std::istreambuf_iterator<char>(fa)), {}), db((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_GT(da.size(), 1000u);
  EXPECT_EQ(da, db) << "the same scene and arguments give the same bytes";
  const ProgramRun r = run("--function bowl --headless --frames 1 --size 3840x2160 --screenshot " + big.string());
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(image_size(big), std::make_pair(3840, 2160));
}

TEST(CommandLine, AScheduleChangesEveryBallsStepsAndNoneTakesItAway) {
  const ProgramRun plain = run("--function bowl --race gd,momentum --steps 60");
  const ProgramRun scheduled = run("--function bowl --race gd,momentum --steps 60 --schedule StepLR:step_size=20");
  const ProgramRun none = run("--function bowl --race gd,momentum --steps 60 --schedule none");
  ASSERT_EQ(plain.exit_code, 0) << plain.errors;
  ASSERT_EQ(scheduled.exit_code, 0) << scheduled.errors;
  EXPECT_EQ(none.output, plain.output);
  const auto line = [](const std::string& text, std::size_t n) {
    std::size_t from = 0;
    for (std::size_t i = 0; i < n; ++i) from = text.find('\n', from) + 1;
    return text.substr(from, text.find('\n', from) - from);
  };
  EXPECT_NE(line(scheduled.output, 0), line(plain.output, 0)) << scheduled.output;  // both balls
  EXPECT_NE(line(scheduled.output, 1), line(plain.output, 1)) << scheduled.output;
}

TEST(CommandLine, ListsAndVersion) {
  const ProgramRun functions = run("--list-functions");
  EXPECT_EQ(functions.exit_code, 0);
  EXPECT_EQ(count_lines(functions.output), 18u) << functions.output;
  EXPECT_NE(functions.output.find("himmelblau"), std::string::npos);
  const ProgramRun optimizers = run("--list-optimizers");
  EXPECT_EQ(optimizers.exit_code, 0);
  EXPECT_NE(optimizers.output.find("lr"), std::string::npos);
  const ProgramRun schedules = run("--list-schedules");
  EXPECT_EQ(schedules.exit_code, 0);
  EXPECT_NE(schedules.output.find("CosineAnnealingLR"), std::string::npos) << schedules.output;
  const ProgramRun version = run("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.output.find("losscape "), std::string::npos);
}

// A lecturer picks any built-in and presses play: the default ball (gradient descent from the
// function's classic start, the learning rate the function suggests) must not fly off. Only the
// saddles, unbounded below, are meant to.
TEST(CommandLine, EveryBuiltInsDefaultBallStaysOnTheTerrain) {
  const ProgramRun list = run("--list-functions");
  ASSERT_EQ(list.exit_code, 0);
  std::istringstream lines(list.output);
  std::string line;
  int checked = 0;
  while (std::getline(lines, line)) {
    const std::string name = line.substr(0, line.find(' '));
    if (name.empty() || name == "saddle" || name == "monkey_saddle") continue;
    const ProgramRun r = run("--function " + name + " --steps 2000");
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.errors;
    EXPECT_EQ(r.output.find("diverged"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("left domain"), std::string::npos) << r.output;
    ++checked;
  }
  EXPECT_GE(checked, 15);
}

TEST(CommandLine, BenchPrintsItsFiguresAndOneMachineReadableLine) {
  const ProgramRun r = run("--bench --frames 4 --size 160x90 --function bowl");
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  const std::size_t line = r.output.find("\nbench: size=160x90 frames=4 ");
  ASSERT_NE(line, std::string::npos) << r.output;
  const std::string figures = r.output.substr(line + 1, r.output.find('\n', line + 1) - line - 1);
  for (const char* key : {"median_ms", "p95_ms", "sim_ms", "scene_ms", "ui_ms", "cpu_ms", "gpu_scene_ms", "gpu_ui_ms",
                          "pipelined_ms", "fps", "first_frame_ms", "screenshot_1080_ms", "terrain_triangles"}) {
    const std::size_t at = figures.find(std::string(" ") + key + "=");
    ASSERT_NE(at, std::string::npos) << key << " missing from: " << figures;
    const char digit = figures[at + std::string(key).size() + 2];
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(digit))) << key << " has no number: " << figures;
  }
  EXPECT_EQ(figures.find(" fps=0 "), std::string::npos) << figures;
  // The GPU's time split by stage, as the timestamps measured it.
  const std::size_t gpu = r.output.find("(GL timestamps):");
  ASSERT_NE(gpu, std::string::npos) << r.output;
  const std::string stages = r.output.substr(gpu, r.output.find('\n', gpu) - gpu);
  for (const std::string stage : {" clear ", " terrain ", " sky ", " resolve ", " UI "}) {
    const std::size_t at = stages.find(stage);
    ASSERT_NE(at, std::string::npos) << stage << " not in: " << stages;
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(stages[at + stage.size()])))
        << stage << " has no time: " << stages;
  }
}

// Swarms above 10,000 balls (docs/gpu.md, Swarms on the GPU): on the GPU where the context has
// compute shaders and is not software GL, else on the CPU, said in one line; --swarm-device gpu
// takes llvmpipe's compute shaders here. LOSSCAPE_GL_VERSION_CAP makes the context look like
// OpenGL 3.3, as a machine without compute shaders has it.
TEST(CommandLine, ABigSwarmRunsOnTheGpuAndSaysSo) {
  const ProgramRun r = run("--swarm 20000 --steps 300 --swarm-device gpu");
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(r.errors, "losscape: swarm: 20000 balls on the GPU (compute shaders, double precision)\n");
  EXPECT_NE(r.output.find("swarm of 20000:"), std::string::npos) << r.output;
}

TEST(CommandLine, WhereABigSwarmRunsIsChosenBySwarmDevice) {
  const std::string lanes = "losscape: swarm: 20000 balls on the CPU (vectorised lanes, ";
  // auto, on llvmpipe: the CPU's lanes, faster there than its compute shaders.
  const ProgramRun automatic = run("--swarm 20000 --steps 30");
  ASSERT_EQ(automatic.exit_code, 0) << automatic.errors;
  EXPECT_EQ(automatic.errors.rfind(lanes, 0), 0u) << automatic.errors;
  EXPECT_NE(automatic.errors.find("is software GL, slower than the CPU's lanes (--swarm-device gpu runs it there))"),
            std::string::npos)
      << automatic.errors;
  EXPECT_EQ(count_lines(automatic.errors), 1u) << automatic.errors;
  const ProgramRun cpu = run("--swarm 20000 --steps 30 --swarm-device cpu");
  ASSERT_EQ(cpu.exit_code, 0) << cpu.errors;
  EXPECT_TRUE(cpu.errors.starts_with(lanes) && cpu.errors.ends_with("; --swarm-device cpu)\n")) << cpu.errors;
  EXPECT_EQ(cpu.output, automatic.output);
  // gpu where there are no compute shaders: one line, and no run.
  const ProgramRun refused = run("--swarm 20000 --steps 30 --swarm-device gpu", "LOSSCAPE_GL_VERSION_CAP=3.3");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(refused.errors,
            "losscape: --swarm-device gpu: OpenGL 3.3 (capped by LOSSCAPE_GL_VERSION_CAP) has no compute shaders "
            "(they need 4.3)\n");
  EXPECT_EQ(refused.output, "");
}

// A big swarm's picture, drawn from the GPU's buffers (gpu_swarm.vert) and from the CPU's lanes:
// the same members in the same places at the same size, so about as many pixels of the running
// members' light grey either way, the same picture, and nothing said but where it ran. Both as
// balls (swarm_ball.frag) and, beyond kLargestSwarmOfBalls, as points (swarm_point.glsl); drawn
// from the CPU as triangles instead, 200,000 members differed from the GPU's in 0.8% of the pixels.
TEST(CommandLine, ABigSwarmIsDrawnOnTheGpuAsOnTheCpu) {
  const auto light_grey_pixels = [](const fs::path& png) {
    const std::optional<losscape::Image> image = read_png_image(png);
    std::size_t count = 0;
    if (!image) return count;
    for (std::size_t i = 0; i < image->rgba.size(); i += 4) {
      const auto near = [&](std::size_t c, int value) { return std::abs(image->rgba[i + c] - value) <= 24; };
      if (near(0, 235) && near(1, 235) && near(2, 230)) ++count;  // kRunningSwarmColour, lit
    }
    return count;
  };
  for (const std::string members : {"20000", "200000"}) {
    SCOPED_TRACE(members + " members");
    const fs::path gpu_png = temp_path("swarm_gpu.png"), cpu_png = temp_path("swarm_cpu.png");
    const std::string arguments = "--swarm " + members + " --steps 2 --size 960x540 --screenshot ";  // spread out
    const ProgramRun gpu = run(arguments + gpu_png.string() + " --swarm-device gpu");
    const ProgramRun cpu = run(arguments + cpu_png.string() + " --swarm-device cpu");
    ASSERT_EQ(gpu.exit_code, 0) << gpu.errors;
    ASSERT_EQ(cpu.exit_code, 0) << cpu.errors;
    EXPECT_EQ(gpu.errors, "losscape: swarm: " + members + " balls on the GPU (compute shaders, double precision)\n");
    EXPECT_EQ(count_lines(cpu.errors), 1u) << cpu.errors;
    const std::size_t on_gpu = light_grey_pixels(gpu_png), on_cpu = light_grey_pixels(cpu_png);
    EXPECT_GT(on_cpu, 300u);
    EXPECT_NEAR(static_cast<double>(on_gpu), static_cast<double>(on_cpu), 0.1 * static_cast<double>(on_cpu));
    const std::optional<losscape::Image> a = read_png_image(gpu_png), b = read_png_image(cpu_png);
    ASSERT_TRUE(a && b);
    EXPECT_LT(difference(*a, *b, 24).differing, 0.001) << "the same picture to a pixel in a thousand";
  }
}

TEST(CommandLine, WithoutComputeShadersABigSwarmRunsOnTheCpuAndSaysWhyInOneLine) {
  const ProgramRun gpu = run("--swarm 20000 --steps 300 --swarm-device gpu");
  const ProgramRun cpu = run("--swarm 20000 --steps 300", "LOSSCAPE_GL_VERSION_CAP=3.3");
  ASSERT_EQ(cpu.exit_code, 0) << cpu.errors;
  // In the CPU's lanes (engine/sim/lane_swarm.hpp), on every core.
  const std::string lanes = "losscape: swarm: 20000 balls on the CPU (vectorised lanes, ";
  EXPECT_EQ(cpu.errors.rfind(lanes, 0), 0u) << cpu.errors;
  const std::string why = "; OpenGL 3.3 (capped by LOSSCAPE_GL_VERSION_CAP) has no compute shaders (they need 4.3))\n";
  EXPECT_TRUE(cpu.errors.ends_with(why)) << cpu.errors;
  EXPECT_EQ(count_lines(cpu.errors), 1u) << cpu.errors;
  EXPECT_EQ(cpu.output, gpu.output) << "the same shares per minimum either way";
  const ProgramRun no_gl = run("--swarm 20000 --steps 3", kNoGL);
  ASSERT_EQ(no_gl.exit_code, 0) << no_gl.errors;
  EXPECT_EQ(no_gl.errors.rfind(lanes, 0), 0u) << no_gl.errors;
  EXPECT_NE(no_gl.errors.find("; no OpenGL available"), std::string::npos) << no_gl.errors;
  EXPECT_EQ(count_lines(no_gl.errors), 1u) << no_gl.errors;
  // A method without lanes stays Ball members, one by one, and the line says why.
  const ProgramRun newton = run("--swarm 20000 --optimizer newton --steps 3", "LOSSCAPE_GL_VERSION_CAP=3.3");
  ASSERT_EQ(newton.exit_code, 0) << newton.errors;
  EXPECT_EQ(newton.errors,
            "losscape: swarm: 20000 balls on the CPU (OpenGL 3.3 (capped by LOSSCAPE_GL_VERSION_CAP) has no compute "
            "shaders (they need 4.3); newton has no lockstep lanes)\n");
}

TEST(CommandLine, SmallSwarmsStayOnTheCpuSilently) {
  const ProgramRun r = run("--swarm 10000 --steps 2");
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(r.errors, "");
}
