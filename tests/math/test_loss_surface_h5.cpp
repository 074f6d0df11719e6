// Loss-landscape surface files (HDF5): read in tomgoldstein/loss-landscape's layout, with nx != ny
// and cells not computed (-1), from files h5py wrote exactly as that project does
// (tests/math/data/make_loss_surfaces.py), and every bad file refused in one line.
#include "engine/scene/hdf5_superblock.hpp"
#include "engine/scene/loss_surface_h5.hpp"
#include "tests/math/finite_difference.hpp"
#include "tests/take_result.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

using namespace losscape;

namespace {

const std::filesystem::path kSourceDir = LOSSCAPE_SOURCE_DIR;
const std::string kSurface = (kSourceDir / "tests" / "math" / "data" / "loss-surface.h5").string();

// The file's grid and values (make_loss_surfaces.py): x = linspace(-1, 1, 9), y = linspace(-0.5, 2, 6),
// train_loss(x, y) = 0.5 + x^2 + 0.3 y + 0.2 x y + 0.1 y^2, the other surfaces that plus 1, 2, 3.
constexpr int kNx = 9, kNy = 6;
double node_x(int i) { return -1.0 + 0.25 * i; }
double node_y(int j) { return -0.5 + 0.5 * j; }
double truth(double x, double y) { return 0.5 + x * x + 0.3 * y + 0.2 * x * y + 0.1 * y * y; }
bool not_computed(int i, int j) { return (i == 7 && j == 4) || (i == 8 && j == 5); }

// Whether the Catmull-Rom stencil at node (i, j) reaches a cell not computed: there the
// interpolant is undefined (NaN).
bool stencil_reaches_a_hole(int i, int j) {
  const int ci = std::min(i, kNx - 2), cj = std::min(j, kNy - 2);
  for (int b = cj - 1; b <= cj + 2; ++b) {
    for (int a = ci - 1; a <= ci + 2; ++a) {
      if (not_computed(std::clamp(a, 0, kNx - 1), std::clamp(b, 0, kNy - 1))) return true;
    }
  }
  return false;
}

std::unique_ptr<HeightField> load(const std::string& path, const std::string& dataset, std::string& error) {
  return losscape::testing::take(load_loss_surface_h5(path, dataset), error);
}

}  // namespace

TEST(LossSurfaceH5, EveryComputedNodeIsTheFilesValueAtXOfKModNxAndYOfKDivNx) {
  std::string error;
  const auto surface = load(kSurface, "train_loss", error);
  ASSERT_NE(surface, nullptr) << error;
  EXPECT_EQ(surface->domain().x_min, -1.0);
  EXPECT_EQ(surface->domain().x_max, 1.0);
  EXPECT_EQ(surface->domain().y_min, -0.5);
  EXPECT_EQ(surface->domain().y_max, 2.0);
  int exact = 0;
  for (int j = 0; j < kNy; ++j) {
    for (int i = 0; i < kNx; ++i) {
      const double f = surface->value({node_x(i), node_y(j)});
      if (stencil_reaches_a_hole(i, j)) {
        EXPECT_TRUE(std::isnan(f)) << "node " << i << ", " << j << " is next to a cell not computed";
      } else {
        // Exactly: the interpolant goes through the nodes, and a transposed read would not
        // (the surface is not symmetric in x and y, and nx != ny).
        EXPECT_EQ(f, truth(node_x(i), node_y(j))) << "node " << i << ", " << j;
        ++exact;
      }
    }
  }
  EXPECT_EQ(exact, 38);  // 54 nodes less the 4 x 4 block whose stencils reach (7, 4) or (8, 5)
  EXPECT_NE(truth(node_x(1), node_y(2)), truth(node_x(2), node_y(1)));
}

TEST(LossSurfaceH5, CellsNotComputedAreHolesNeverTerrainAtMinusOne) {
  std::string error;
  const auto surface = load(kSurface, "train_loss", error);
  ASSERT_NE(surface, nullptr) << error;
  EXPECT_TRUE(std::isnan(surface->value({node_x(7), node_y(4)})));
  EXPECT_TRUE(std::isnan(surface->gradient({node_x(8), node_y(5)}).x));
  // The known minimum is the lowest computed node, never a -1.
  const std::vector<KnownMinimum> minima = surface->known_minima();
  ASSERT_EQ(minima.size(), 1u);
  double lowest = 1e300;
  glm::dvec2 at{};
  for (int j = 0; j < kNy; ++j) {
    for (int i = 0; i < kNx; ++i) {
      if (!not_computed(i, j) && truth(node_x(i), node_y(j)) < lowest) {
        lowest = truth(node_x(i), node_y(j));
        at = {node_x(i), node_y(j)};
      }
    }
  }
  EXPECT_EQ(minima[0].value, lowest);
  EXPECT_EQ(minima[0].position, at);
  EXPECT_EQ(surface->title(), "train_loss of loss-surface.h5");
  EXPECT_NE(surface->formula().find("interpolated slice of train_loss in loss-surface.h5"), std::string::npos)
      << surface->formula();
  EXPECT_NE(surface->formula().find("2 cells not computed"), std::string::npos) << surface->formula();
}

TEST(LossSurfaceH5, DerivativesAreTheInterpolantsOwn) {
  std::string error;
  const auto surface = load(kSurface, "test_loss", error);
  ASSERT_NE(surface, nullptr) << error;
  EXPECT_EQ(surface->value({node_x(3), node_y(2)}), truth(node_x(3), node_y(2)) + 2.0) << "the third surface";
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> ux(-0.99, 0.99), uy(-0.49, 1.99);
  const double h = 1e-5;
  int checked = 0;
  for (int k = 0; k < 400; ++k) {
    const glm::dvec2 p(ux(rng), uy(rng));
    if (!std::isfinite(surface->value(p - glm::dvec2(2 * h))) ||
        !std::isfinite(surface->value(p + glm::dvec2(2 * h))) ||
        !std::isfinite(surface->value(p + glm::dvec2(2 * h, -2 * h))) ||
        !std::isfinite(surface->value(p + glm::dvec2(-2 * h, 2 * h)))) {
      continue;  // by a hole
    }
    auto f = [&](glm::dvec2 q) { return surface->value(q); };
    auto gx = [&](glm::dvec2 q) { return surface->gradient(q).x; };
    auto gy = [&](glm::dvec2 q) { return surface->gradient(q).y; };
    EXPECT_NEAR(surface->gradient(p).x, losscape::testing::central_difference(f, p, {1, 0}, h), 1e-7);
    EXPECT_NEAR(surface->gradient(p).y, losscape::testing::central_difference(f, p, {0, 1}, h), 1e-7);
    // The Hessian of a Catmull-Rom spline jumps at cell edges: check it away from them.
    const double fx = std::fmod(p.x + 1.0, 0.25) / 0.25, fy = std::fmod(p.y + 0.5, 0.5) / 0.5;
    if (fx > 0.05 && fx < 0.95 && fy > 0.05 && fy < 0.95) {
      const glm::dmat2 hessian = surface->hessian(p);
      EXPECT_NEAR(hessian[0][0], losscape::testing::central_difference(gx, p, {1, 0}, h), 1e-5);
      EXPECT_NEAR(hessian[0][1], losscape::testing::central_difference(gx, p, {0, 1}, h), 1e-5);
      EXPECT_NEAR(hessian[1][1], losscape::testing::central_difference(gy, p, {0, 1}, h), 1e-5);
      ++checked;
    }
  }
  EXPECT_GT(checked, 150);
}

// Log and clamped heights (h52vtp.py's --log and --zmax): the grid's values are shaped first, so
// every computed node is exactly the shaped value, the holes stay holes, and the gradient the
// balls roll by is the derivative of the interpolant of the shaped values.
TEST(LossSurfaceH5, LogAndClampedHeightsShapeTheGridBeforeInterpolating) {
  const double zmax = 1.5;
  std::string error;
  const auto surface = losscape::testing::take(
      load_loss_surface_h5(kSurface, "train_loss", SurfaceHeight{SurfaceScale::log, zmax}), error);
  ASSERT_NE(surface, nullptr) << error;
  int clamped = 0;
  for (int j = 0; j < kNy; ++j) {
    for (int i = 0; i < kNx; ++i) {
      if (stencil_reaches_a_hole(i, j)) {
        EXPECT_TRUE(std::isnan(surface->value({node_x(i), node_y(j)})));
        continue;
      }
      const double t = truth(node_x(i), node_y(j));
      clamped += t > zmax;
      EXPECT_DOUBLE_EQ(surface->value({node_x(i), node_y(j)}), std::log(std::min(t, zmax) + 0.1));
    }
  }
  EXPECT_GT(clamped, 3) << "the clamp is seen";
  // Between the nodes too the clamp is exact: nothing rises above zmax's height (a grid clamped
  // at zmax alone rings above it along the rim), and the plateau is flat.
  const double ceiling = std::log(zmax + 0.1);
  int above = 0, plateau = 0;
  for (double x = -1.0; x <= 1.0; x += 0.01) {
    for (double y = -0.5; y <= 2.0; y += 0.01) {
      const double v = surface->value({x, y});
      if (std::isnan(v)) continue;
      above += v > ceiling;
      plateau += v == ceiling && surface->gradient({x, y}) == glm::dvec2(0.0);
    }
  }
  EXPECT_EQ(above, 0);
  EXPECT_GT(plateau, 100);
  const glm::dvec2 p(-0.4, 0.3);  // no hole near, and below zmax
  auto f = [&](glm::dvec2 q) { return surface->value(q); };
  EXPECT_NEAR(surface->gradient(p).x, losscape::testing::central_difference(f, p, {1, 0}, 1e-5), 1e-7);
  EXPECT_NEAR(surface->gradient(p).y, losscape::testing::central_difference(f, p, {0, 1}, 1e-5), 1e-7);
  EXPECT_EQ(surface->title(), "log(min(train_loss, 1.5) + 0.1) of loss-surface.h5");
  EXPECT_NE(surface->formula().find("interpolated slice of log(min(train_loss, 1.5) + 0.1) in loss-surface.h5"),
            std::string::npos)
      << surface->formula();
  // The minimum marked is the lowest shaped node, where the linear surface has its own.
  const auto linear = load(kSurface, "train_loss", error);
  ASSERT_NE(linear, nullptr) << error;
  EXPECT_EQ(surface->known_minima()[0].position, linear->known_minima()[0].position);
  EXPECT_DOUBLE_EQ(surface->known_minima()[0].value, std::log(linear->known_minima()[0].value + 0.1));
}

TEST(LossSurfaceH5, HeightsThatCannotBeShownAreOneLine) {
  const std::string bad = (kSourceDir / "tests" / "bad-input").string() + "/";
  struct Case {
    std::string path, dataset;
    SurfaceHeight height;
    std::string error;
  };
  const std::vector<Case> cases = {
      {kSurface,
       "train_loss",
       {SurfaceScale::linear, 0.3},
       kSurface + ": zmax 0.3 is not above the lowest value of 'train_loss', 0.375: the clamped surface would be flat"},
      {kSurface,
       "train_loss",
       {SurfaceScale::linear, std::nan("")},
       kSurface + ": zmax nan is not above the lowest value of 'train_loss', 0.375: the clamped surface would be flat"},
      {bad + "surface-min-eig.h5",
       "min_eig",
       {SurfaceScale::log, std::nullopt},
       bad + "surface-min-eig.h5: 'min_eig' has -1.525 at x = -1, y = -0.5: its log height, log(z + 0.1), needs "
             "values above -0.1"},
  };
  for (const Case& c : cases) {
    std::string error;
    EXPECT_EQ(losscape::testing::take(load_loss_surface_h5(c.path, c.dataset, c.height), error), nullptr);
    EXPECT_EQ(error, c.error);
  }
  // Negative values are fine as they are: only their log is refused.
  std::string error;
  EXPECT_NE(losscape::testing::take(load_loss_surface_h5(bad + "surface-min-eig.h5", "min_eig", {}), error), nullptr)
      << error;
}

// The file also holds what plot_surface.py writes beside the surfaces (the `dir_file` string), a
// group and a 1D array: none is offered, and none is loaded as a surface.
TEST(LossSurfaceH5, TheFileListsItsSurfacesAndNothingElse) {
  std::string error;
  auto names = losscape::testing::take(loss_surface_datasets(kSurface), error);
  EXPECT_EQ(names, (std::vector<std::string>{"test_acc", "test_loss", "train_acc", "train_loss"})) << error;
  for (const char* other : {"dir_file", "notes", "learning_rates", "notes/epochs"}) {
    EXPECT_EQ(load(kSurface, other, error), nullptr) << other;
    EXPECT_EQ(error,
              kSurface + ": no surface '" + other + "'; the file has test_acc, test_loss, train_acc, train_loss");
  }
}

// docs/bad-input.md's rows for HDF5 surfaces, as the loader words them.
TEST(LossSurfaceH5, EveryBadFileIsOneLineNamingTheFile) {
  const std::string bad = (kSourceDir / "tests" / "bad-input").string() + "/";
  struct Case {
    std::string path, dataset, error;
  };
  const std::vector<Case> cases = {
      {"/nonexistent/s.h5", "train_loss", "cannot open /nonexistent/s.h5: No such file or directory"},
      {bad + "not-hdf5.h5", "train_loss", bad + "not-hdf5.h5: not an HDF5 file"},
      {bad + "surface-no-coordinates.h5", "train_loss",
       bad + "surface-no-coordinates.h5: no 'xcoordinates' dataset: not a loss-landscape surface file"},
      {bad + "surface-1d.h5", "train_loss",
       bad + "surface-1d.h5: a 1D loss curve (no 'ycoordinates'): losscape needs a 2D surface (plot_surface.py --y)"},
      {bad + "surface-mismatched.h5", "train_loss",
       bad + "surface-mismatched.h5: 'train_loss' has 16 values, expected 9 x 6 (xcoordinates x ycoordinates)"},
      {bad + "surface-nan.h5", "train_loss", bad + "surface-nan.h5: 'train_loss' has nan at x = -0.75, y = 0.5"},
      {bad + "surface-one-point.h5", "train_loss",
       bad + "surface-one-point.h5: 'xcoordinates' has 1 value: a surface needs at least 2 along each axis"},
      {bad + "surface-one-row.h5", "train_loss",
       bad + "surface-one-row.h5: 'ycoordinates' has 1 value: a surface needs at least 2 along each axis"},
      {bad + "surface-all-missing.h5", "train_loss",
       bad + "surface-all-missing.h5: 'train_loss' has no computed values (every cell is -1)"},
      {bad + "surface-all-nan.h5", "train_loss", bad + "surface-all-nan.h5: 'train_loss' has nan at x = -1, y = -0.5"},
      {bad + "surface-cut-short.h5", "train_loss",
       bad + "surface-cut-short.h5: cut short: its superblock says 11400 bytes, the file has 3000"},
      {bad + "surface-unwritten.h5", "train_loss", bad + "surface-unwritten.h5: 'train_loss' has no values written"},
      {bad + "surface-declared-more.h5", "train_loss",
       bad + "surface-declared-more.h5: 'train_loss' declares 5400 values, the file holds 54"},
      {bad + "surface-float128.h5", "train_loss",
       bad + "surface-float128.h5: 'train_loss' holds 16-byte numbers; losscape reads numbers of up to 8 bytes"},
      {bad + "surface-decreasing.h5", "train_loss",
       bad + "surface-decreasing.h5: 'xcoordinates' is not increasing: 0.75 at index 1 after 1"},
      {kSurface, "train_los",
       kSurface + ": no surface 'train_los'; the file has test_acc, test_loss, train_acc, train_loss"},
      {bad + "surface-control-name.h5", "train_los",
       bad + "surface-control-name.h5: no surface 'train_los'; the file has bad\\nname, train_loss"},
      {kSurface, "xcoordinates",
       kSurface + ": no surface 'xcoordinates'; the file has test_acc, test_loss, train_acc, train_loss"},
  };
  for (const Case& c : cases) {
    std::string error;
    EXPECT_EQ(load(c.path, c.dataset, error), nullptr) << c.path;
    EXPECT_EQ(error, c.error);
  }
}

// The look at the file's first structures before HDF5 reads it (hdf5_superblock.hpp): versions 0
// and 2 of the superblock as h5py writes them by default and with libver="latest", the root
// group's name heap, and what cannot be any of them.
TEST(Hdf5Structure, ReadsBothLayoutsAndRefusesWhatCannotBeThem) {
  using Bytes = std::string;
  const auto check = [](const Bytes& file, std::uint64_t size) {
    const ByteReader read = [&](std::uint64_t at, std::size_t n) { return at < file.size() ? file.substr(at, n) : ""; };
    const Status checked = check_hdf5_structure(read, size, "s.h5");
    return checked ? std::string("fine") : checked.error();
  };
  const auto put = [](Bytes& bytes, std::size_t at, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  const Bytes signature("\x89HDF\r\n\x1a\n", 8);
  // Version 0: sizes at 13 and 14, the base address at 24, the end of file the third address (40);
  // the root's entry at 56, its cache type at 72 (1: a symbol table), its heap's address at 88.
  // Its B-tree at 80 (at byte 192: "TREE", type 0, level 0, no entries, two siblings, one key),
  // its heap at 88 (at byte 128: "HEAP", version, the data's size and place, 24 bytes at 160), its
  // object header at 64 (at byte 232: version 1, one message, size 24; the message at 248: a
  // symbol table, type 0x11, 16 bytes, naming the same B-tree and heap).
  Bytes v0 = signature + Bytes(280, '\0');
  v0[13] = v0[14] = 8;
  put(v0, 40, 288);
  put(v0, 64, 232);
  v0[72] = 1;
  put(v0, 80, 192);
  put(v0, 88, 128);
  v0.replace(128, 4, "HEAP");
  put(v0, 136, 24);
  put(v0, 152, 160);
  v0.replace(192, 4, "TREE");
  v0[232] = 1;
  v0[234] = 1;
  v0[240] = 24;
  v0[248] = 0x11;
  v0[250] = 16;
  put(v0, 256, 192);
  put(v0, 264, 128);
  EXPECT_EQ(check(v0, 288), "fine");
  EXPECT_EQ(check(v0, 150), "s.h5: cut short: its superblock says 288 bytes, the file has 150");
  const std::string bad_root = "s.h5: not a readable HDF5 file (its root group is corrupt)";
  Bytes huge_heap = v0, no_heap = v0, no_nul = v0, key_outside = v0, no_tree = v0, header_elsewhere = v0;
  put(huge_heap, 136, 0x6666666666000058);  // what the fuzzer found HDF5 allocating
  no_heap[128] = 'X';
  no_nul[183] = 'a';  // a name read from the heap's end would run past it
  put(key_outside, 216, 24);
  no_tree[192] = 'X';
  v0[72] = 0;  // no cached symbol table: the object header's is still checked
  put(header_elsewhere, 264, 136);
  header_elsewhere[72] = 0;
  EXPECT_EQ(check(v0, 288), "fine");
  for (const Bytes& bytes : {huge_heap, no_heap, no_nul, key_outside, no_tree, header_elsewhere}) {
    EXPECT_EQ(check(bytes, 288), bad_root);
  }
  // Version 2: sizes at 9 and 10, the base address at 12, the end of file at 28; no heap.
  Bytes v2 = signature + Bytes(56, '\0');
  v2[8] = 2;
  v2[9] = v2[10] = 8;
  put(v2, 28, 100);
  EXPECT_EQ(check(v2, 100), "fine");
  // A user block before it: the signature at 512.
  EXPECT_EQ(check(Bytes(512, 'u') + v2, 612), "fine");
  const std::string corrupt = "s.h5: not a readable HDF5 file (its superblock is corrupt)";
  Bytes wrong_version = v2, wrong_size = v2, undefined_end = v2;
  wrong_version[8] = 4;
  wrong_size[9] = 3;
  put(undefined_end, 28, ~std::uint64_t{0});
  for (const Bytes& bytes : {wrong_version, wrong_size, undefined_end, v2.substr(0, 20)}) {
    EXPECT_EQ(check(bytes, 100), corrupt);
  }
  EXPECT_EQ(check("train_loss,1,2,3\n", 17), "s.h5: not an HDF5 file");
}
