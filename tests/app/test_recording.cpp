// Recording: exactly seconds x fps frames, each 1/fps of simulation; PNG frames, MP4 and GIF
// through ffmpeg; clear errors for bad paths, unknown formats and a missing ffmpeg; and the
// window's recording, whose frames stay 1/fps apart however slowly they are drawn.
#include "tests/app/run_binary.hpp"

#include "engine/app/capture/frame_sink.hpp"
#include "engine/app/window/interactive_app.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

using namespace losscape;

namespace {

std::vector<fs::path> files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// What ffprobe says of a video's first stream: "width,height,frames".
std::string probe(const fs::path& video) {
  const std::string command = "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                              "stream=width,height,nb_read_frames -of csv=p=0 " +
                              video.string();
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    std::array<char, 256> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
    pclose(pipe);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ',')) out.pop_back();
  return out;
}

}  // namespace

TEST(Recording, TwoSecondsAtTenFramesASecondAreExactlyTwentyPngFrames) {
  const fs::path folder = temp_path("frames");
  const ProgramRun r =
      run("--function himmelblau --record " + folder.string() + "/ --seconds 2 --fps 10 --size 160x90");
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  const auto files = files_in(folder);
  ASSERT_EQ(files.size(), 20u);
  EXPECT_EQ(files.front().filename(), "frame-00001.png");
  EXPECT_EQ(files.back().filename(), "frame-00020.png");
  for (const fs::path& file : files) EXPECT_EQ(image_size(file), std::make_pair(160, 90)) << file;
  EXPECT_NE(r.output.find("20 frames of 160x90 at 10 fps"), std::string::npos) << r.output;
}

TEST(Recording, AnMp4HasEveryFrameAtItsSizeAndAGifPlays) {
  if (!ffmpeg_available()) GTEST_SKIP() << "ffmpeg is not installed (scripts/setup.sh installs it)";
  const fs::path video = temp_path("clip.mp4"), gif = temp_path("clip.gif");
  const ProgramRun r =
      run("--function rosenbrock --record " + video.string() + " --seconds 2 --fps 10 --size 320x180 --orbit 30");
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(probe(video), "320,180,20");
  // An odd size is padded to an even one (yuv420p needs it), not refused.
  const ProgramRun odd = run("--function bowl --record " + video.string() + " --seconds 1 --fps 5 --size 161x91");
  ASSERT_EQ(odd.exit_code, 0) << odd.errors;
  EXPECT_EQ(probe(video), "162,92,5");
  const ProgramRun animation = run("--function bowl --record " + gif.string() + " --seconds 1 --fps 8 --size 120x80");
  ASSERT_EQ(animation.exit_code, 0) << animation.errors;
  EXPECT_EQ(probe(gif), "120,80,8");
}

TEST(Recording, BadPathsFormatsAndAMissingFfmpegAreOneLineErrors) {
  const ProgramRun unknown = run("--record " + temp_path("bad.avi").string() + " --seconds 1");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.errors, "losscape: cannot record " + temp_path("bad.avi").string() +
                                ": unknown format '.avi' (use .mp4 for a video, .gif for an animation, or a folder for "
                                "numbered PNG frames)\n");
  const ProgramRun unwritable = run("--record /nonexistent-dir/clip.mp4 --seconds 1", "PATH=/usr/bin:/bin");
  EXPECT_EQ(unwritable.exit_code, 1);
  if (ffmpeg_available()) {
    EXPECT_EQ(unwritable.errors, "losscape: cannot record /nonexistent-dir/clip.mp4: No such file or directory\n");
  }
  const ProgramRun no_ffmpeg =
      run("--record " + temp_path("no_ffmpeg.mp4").string() + " --seconds 1", "PATH=/nonexistent");
  EXPECT_EQ(no_ffmpeg.exit_code, 1);
  EXPECT_EQ(no_ffmpeg.errors,
            "losscape: cannot record " + temp_path("no_ffmpeg.mp4").string() +
                ": ffmpeg is not installed (sudo apt-get install ffmpeg), or record PNG frames into a "
                "folder instead: --record frames/\n");
  const ProgramRun fps = run("--record frames/ --fps 0");
  EXPECT_EQ(fps.exit_code, 2);
  EXPECT_NE(fps.errors.find("--fps"), std::string::npos) << fps.errors;
}

TEST(Recording, TheWindowsFramesAreEachOneFrameOfSimulationHoweverSlowlyTheyAreDrawn) {
  auto created = InteractiveApp::create_offscreen(Options{}, Presentation{}, 320, 180);
  ASSERT_TRUE(created) << created.error();
  const auto app = std::move(*created);
  app->offscreen()->seconds_per_frame = 0.5;  // a very slow machine: two frames a second
  app->frame();
  const std::size_t steps_before = app->simulation().balls().front().steps;
  const fs::path folder = temp_path("window_frames");
  ASSERT_TRUE(app->record(folder.string() + "/", 1.0, 10));
  for (int i = 0; i < 12 && app->recording(); ++i) app->frame();
  app->wait_for_files();
  for (int i = 0; i < 50 && app->recording(); ++i) app->frame();  // the file finished, off the frame loop
  EXPECT_FALSE(app->recording());
  EXPECT_EQ(files_in(folder).size(), 10u);
  // Ten frames of 1/10 s at 20 solver steps a second: 20 steps, not the 100 that ten half-second
  // frames of wall-clock time would have taken.
  EXPECT_EQ(app->simulation().balls().front().steps - steps_before, 20u);
}
