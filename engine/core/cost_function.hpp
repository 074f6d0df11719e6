#pragma once
// The CostFunction seam: everything the solver and the renderer need to know about f(x, y).
// Core layer: C++ std and GLM only (no GL, no window, no UI, no I/O, no threads).
#include <glm/glm.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace losscape {

// Axis-aligned rectangle of (x, y) over which the terrain is drawn.
struct Domain {
  double x_min = -1.0, x_max = 1.0, y_min = -1.0, y_max = 1.0;

  double width() const { return x_max - x_min; }
  double height() const { return y_max - y_min; }
  glm::dvec2 center() const { return {0.5 * (x_min + x_max), 0.5 * (y_min + y_max)}; }
  bool contains(glm::dvec2 p) const { return p.x >= x_min && p.x <= x_max && p.y >= y_min && p.y <= y_max; }
};

struct KnownMinimum {
  glm::dvec2 position;
  double value = 0.0;
  bool global = true;
};

// How f is turned into terrain height. Functions whose range spans many orders of magnitude
// (Rosenbrock, Beale, Goldstein-Price) are unreadable drawn linearly: a log transform keeps the
// valley floor visible. Only the drawing uses it; balls always follow the true gradient of f.
enum class HeightTransform { linear, log1p };

// How a function is best looked at where the usual three-quarter view is not: the orbit camera's
// angles in degrees and distance in world units (the terrain spans 2 across); each none: the
// usual. Plain numbers: the camera itself is the renderer's.
struct PreferredView {
  std::optional<float> yaw = std::nullopt, pitch = std::nullopt, distance = std::nullopt;
};

class CostFunction {
 public:
  virtual ~CostFunction() = default;

  virtual double value(glm::dvec2 p) const = 0;
  virtual glm::dvec2 gradient(glm::dvec2 p) const = 0;
  // Symmetric; glm is column-major, so h[0][1] == d2f/dxdy either way.
  virtual glm::dmat2 hessian(glm::dvec2 p) const = 0;
  // Value and gradient at n points, structure of arrays: what the basin maps run on. The
  // default loops over value() and gradient(); built-ins and formulas override it with faster
  // loops that give the very same numbers.
  virtual void evaluate_batch(const double* x, const double* y, std::size_t n, double* f, double* gx,
                              double* gy) const {
    for (std::size_t i = 0; i < n; ++i) {
      f[i] = value({x[i], y[i]});
      const glm::dvec2 g = gradient({x[i], y[i]});
      gx[i] = g.x;
      gy[i] = g.y;
    }
  }

  virtual const std::string& name() const = 0;     // command-line name, e.g. "himmelblau"
  virtual const std::string& title() const = 0;    // display name, e.g. "Himmelblau"
  virtual const std::string& formula() const = 0;  // human-readable formula text
  virtual Domain domain() const = 0;
  virtual std::vector<KnownMinimum> known_minima() const { return {}; }
  virtual HeightTransform height_transform() const { return HeightTransform::linear; }
  // The named constants f's shape depends on, with their values (a formula's where clause): the
  // panel gives each a slider. None for a function that has none.
  virtual std::vector<std::pair<std::string, double>> parameters() const { return {}; }
  // Where a lesson on f starts its ball and how it looks at f, where f has a preference (the
  // built-ins' table); none: a start near a domain corner, and the usual view.
  virtual std::optional<glm::dvec2> preferred_start() const { return std::nullopt; }
  virtual PreferredView preferred_view() const { return {}; }
};

}  // namespace losscape
