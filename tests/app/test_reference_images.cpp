// Rendering regression tests: a handful of scenes rendered by the real binary, headless and small,
// compared with the reference pictures in tests/reference/ (how, and the tolerances, in
// tests/reference/README.md). A picture that differs is written next to its reference as
// NAME.actual.png, with NAME.diff.png showing where; scripts/promote-references.sh makes the new
// picture the reference once a person has looked at it and found it right.
#include "engine/render/png_writer.hpp"
#include "tests/app/run_binary.hpp"

#include <cstdlib>
#include <iomanip>

namespace {

// A pixel differs when one of its channels is off by more than this; a picture fails when more
// than kMaxDifferingShare of its pixels differ, or its channels by more than kMaxMeanDifference
// on average. On the renderer that made the references (Mesa llvmpipe, as in CI) pictures are
// identical; the slack is for another Mesa version rounding a few edge pixels otherwise. A
// missing ball (about 50 pixels of these 57,600) fails; a colour map or a light changed fails by far.
constexpr int kPixelThreshold = 24;
constexpr double kMaxDifferingShare = 0.0002;  // 11 pixels
constexpr double kMaxMeanDifference = 0.3;

struct ReferenceCase {
  const char* name;
  const char* arguments;  // the size and the output are added
};

const ReferenceCase kCases[] = {
    {"default", "--frames 30"},  // the dark theme
    {"light-theme", "--theme light --frames 30"},
    {"contours", "--contours --frames 30"},
    {"top-down", "--camera top --contours --frames 30"},
    {"basin-overlay", "--show-basins --grid 64 --frames 0"},
    {"colour-by-slope", "--function rosenbrock --colour-by slope --colormap magma --frames 0"},
    {"floor-map", "--floor-map --camera -30,22,5 --frames 60"},
    {"swarm", "--swarm 150 --seed 3 --frames 90"},
};

fs::path reference_dir() { return fs::path(LOSSCAPE_SOURCE_DIR) / "tests" / "reference"; }

std::string describe(const ImageDifference& d) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(3) << 100.0 * d.differing << "% of pixels differ by more than "
       << kPixelThreshold << " (tolerance " << 100.0 * kMaxDifferingShare << "%), mean difference " << d.mean
       << " (tolerance " << kMaxMeanDifference << "), largest " << d.largest;
  return text.str();
}

}  // namespace

class ReferenceImage : public ::testing::TestWithParam<ReferenceCase> {};

TEST_P(ReferenceImage, MatchesItsReferencePicture) {
  const std::string name = GetParam().name;
  const fs::path reference = reference_dir() / (name + ".png");
  const fs::path actual = reference_dir() / (name + ".actual.png");
  const fs::path diff = reference_dir() / (name + ".diff.png");
  fs::remove(actual);
  fs::remove(diff);
  const ProgramRun r = run(std::string(GetParam().arguments) + " --size 320x180 --screenshot " + actual.string());
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  const std::string promote = "scripts/promote-references.sh " + name;
  if (std::getenv("LOSSCAPE_UPDATE_REFERENCES")) {  // what scripts/promote-references.sh --all sets
    fs::rename(actual, reference);
    return;
  }
  const std::optional<losscape::Image> expected = read_png_image(reference);
  ASSERT_TRUE(expected) << "no reference " << reference.string() << " yet: look at " << actual.string()
                        << " and if it is right, run " << promote;
  const std::optional<losscape::Image> got = read_png_image(actual);
  ASSERT_TRUE(got) << actual.string() << " does not decode";
  ASSERT_EQ(std::pair(got->width, got->height), std::pair(expected->width, expected->height));
  const ImageDifference d = difference(*got, *expected, kPixelThreshold);
  if (d.differing <= kMaxDifferingShare && d.mean <= kMaxMeanDifference) {
    fs::remove(actual);
    return;
  }
  static_cast<void>(losscape::write_png(diff.string(), d.picture));  // for a person to look at; the test says why
  ADD_FAILURE() << name << ": " << describe(d) << ". Look at " << actual.string() << " (and where: " << diff.string()
                << "); if the new picture is right, run " << promote;
}

TEST(ReferenceImageComparison, CatchesAMissingBallAndAcceptsTheSamePicture) {
  // The tolerance itself: the default picture against itself passes; with its ball painted over
  // by the terrain beside it, it fails.
  const std::optional<losscape::Image> picture = read_png_image(reference_dir() / "default.png");
  ASSERT_TRUE(picture);
  EXPECT_EQ(difference(*picture, *picture, kPixelThreshold).mean, 0.0);
  int red = 0, sum_x = 0, sum_y = 0;  // the red ball's middle
  for (int y = 0; y < picture->height; ++y) {
    for (int x = 0; x < picture->width; ++x) {
      const std::uint8_t* p = picture->pixel(x, y);
      if (p[0] > 150 && p[0] > 2 * p[1] && p[0] > 2 * p[2]) ++red, sum_x += x, sum_y += y;
    }
  }
  ASSERT_GT(red, 8) << "the default picture has its red ball";
  losscape::Image without_ball = *picture;
  const int cx = sum_x / red, cy = sum_y / red;
  for (int y = cy - 5; y <= cy + 5; ++y) {
    for (int x = cx - 5; x <= cx + 5; ++x) {
      const std::uint8_t* beside = picture->pixel(x - 12, y);
      std::copy(beside, beside + 4, without_ball.pixel(x, y));
    }
  }
  const ImageDifference d = difference(without_ball, *picture, kPixelThreshold);
  EXPECT_FALSE(d.differing <= kMaxDifferingShare && d.mean <= kMaxMeanDifference) << describe(d);
}

INSTANTIATE_TEST_SUITE_P(Scenes, ReferenceImage, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ReferenceCase>& param_info) {
                           std::string name = param_info.param.name;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });
