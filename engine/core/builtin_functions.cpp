// The built-in analytic cost functions.
//
// Each function is a namespace holding three plain functions kept side by side: value(x, y),
// gradient(x, y) and hessian(x, y), all derived by hand from the standard definition cited in
// the comment above it. A single table of BuiltinSpec rows pairs them with the command-line
// name, display title, formula text, default domain, height transform and known minima, and
// where a function has them, the start and the view a lesson on it begins with; a single class,
// BuiltinFunction, exposes a row through the CostFunction interface.
//
// Test-function definitions and minima follow the usual references: Jamil & Yang, "A literature
// survey of benchmark functions for global optimization problems" (2013), and the Surjanovic &
// Bingham Virtual Library of Simulation Experiments (sfu.ca/~ssurjano). Every minimum listed
// below was refined with Newton's method on the exact gradient and Hessian and is correct to
// well below 1e-9 (see tests/math/test_builtin_functions.cpp).
#include "engine/core/builtin_functions.hpp"

#include "engine/core/lane_math.hpp"
#include "engine/core/vector_clones.hpp"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <optional>

namespace losscape {
namespace {

using glm::dmat2;
using glm::dvec2;

constexpr double pi = std::numbers::pi;

// The symmetric 2x2 matrix [[xx, xy], [xy, yy]]. Both off-diagonal entries are set, so glm's
// column-major layout does not matter.
dmat2 symmetric(double xx, double xy, double yy) { return dmat2(xx, xy, xy, yy); }

// The sine and cosine the formulas below are written with (lane_math.hpp, also in the Hessians,
// so that every path gives the same numbers): for any argument, or only for arguments within
// lane_math::kNearRange, which has no branch out to libm, so that a loop over points vectorises.
// The two agree wherever both apply.
struct AnyArgument {
  static double sin(double t) { return lane_math::sin(t); }
  static double cos(double t) { return lane_math::cos(t); }
};
struct NearArgument {
  static double sin(double t) { return lane_math::sin_near(t); }
  static double cos(double t) { return lane_math::cos_near(t); }
};

// a b^T + b a^T: the cross term in the Hessian of a product,
// (uv)'' = u'' v + u v'' + u' v'^T + v' u'^T.
dmat2 symmetric_outer(dvec2 a, dvec2 b) { return glm::outerProduct(a, b) + glm::outerProduct(b, a); }

// ---------------------------------------------------------------------------------------------
// Simple quadratic and cubic surfaces.

// Bowl: the isotropic paraboloid f = x^2 + y^2 (the "sphere" function), minimum 0 at the origin.
namespace bowl {
double value(double x, double y) { return x * x + y * y; }
dvec2 gradient(double x, double y) { return {2.0 * x, 2.0 * y}; }
dmat2 hessian(double, double) { return symmetric(2.0, 0.0, 2.0); }
}  // namespace bowl

// Saddle: the hyperbolic paraboloid f = x^2 - y^2; a saddle point at the origin, no minimum.
namespace saddle {
double value(double x, double y) { return x * x - y * y; }
dvec2 gradient(double x, double y) { return {2.0 * x, -2.0 * y}; }
dmat2 hessian(double, double) { return symmetric(2.0, 0.0, -2.0); }
}  // namespace saddle

// Monkey saddle: f = x^3 - 3 x y^2 = Re((x + iy)^3); a degenerate saddle at the origin
// (three valleys), no minimum.
namespace monkey_saddle {
double value(double x, double y) { return x * x * x - 3.0 * x * y * y; }
dvec2 gradient(double x, double y) { return {3.0 * x * x - 3.0 * y * y, -6.0 * x * y}; }
dmat2 hessian(double x, double y) { return symmetric(6.0 * x, -6.0 * y, -6.0 * x); }
}  // namespace monkey_saddle

// ---------------------------------------------------------------------------------------------
// Classic optimization test functions.

// Rosenbrock (1960), a = 1, b = 100: f = (1 - x)^2 + 100 (y - x^2)^2.
// A narrow curved valley; global minimum 0 at (1, 1).
namespace rosenbrock {
double value(double x, double y) {
  const double u = 1.0 - x, v = y - x * x;
  return u * u + 100.0 * v * v;
}
dvec2 gradient(double x, double y) {
  const double v = y - x * x;
  return {-2.0 * (1.0 - x) - 400.0 * x * v, 200.0 * v};
}
dmat2 hessian(double x, double y) { return symmetric(2.0 - 400.0 * y + 1200.0 * x * x, -400.0 * x, 200.0); }
}  // namespace rosenbrock

// Himmelblau (1972): f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2. Four global minima of value 0.
namespace himmelblau {
double value(double x, double y) {
  const double r1 = x * x + y - 11.0, r2 = x + y * y - 7.0;
  return r1 * r1 + r2 * r2;
}
dvec2 gradient(double x, double y) {
  const double r1 = x * x + y - 11.0, r2 = x + y * y - 7.0;
  return {4.0 * x * r1 + 2.0 * r2, 2.0 * r1 + 4.0 * y * r2};
}
dmat2 hessian(double x, double y) {
  const double r1 = x * x + y - 11.0, r2 = x + y * y - 7.0;
  return symmetric(4.0 * r1 + 8.0 * x * x + 2.0, 4.0 * (x + y), 4.0 * r2 + 8.0 * y * y + 2.0);
}
}  // namespace himmelblau

// Rastrigin (1974), A = 10, n = 2: f = 2A + sum_i (x_i^2 - A cos(2 pi x_i)).
// A regular grid of local minima (only the global one is listed): global minimum 0 at the origin.
namespace rastrigin {
constexpr double A = 10.0;
template <class Trig = AnyArgument>
double value(double x, double y) {
  return 2.0 * A + x * x - A * Trig::cos(2.0 * pi * x) + y * y - A * Trig::cos(2.0 * pi * y);
}
template <class Trig = AnyArgument>
dvec2 gradient(double x, double y) {
  return {2.0 * x + 2.0 * pi * A * Trig::sin(2.0 * pi * x), 2.0 * y + 2.0 * pi * A * Trig::sin(2.0 * pi * y)};
}
dmat2 hessian(double x, double y) {
  const double k = 4.0 * pi * pi * A;
  return symmetric(2.0 + k * lane_math::cos(2.0 * pi * x), 0.0, 2.0 + k * lane_math::cos(2.0 * pi * y));
}
}  // namespace rastrigin

// Ackley (1987), a = 20, b = 0.2, c = 2 pi, n = 2:
//   f = -a exp(-b sqrt((x^2 + y^2) / 2)) - exp((cos(c x) + cos(c y)) / 2) + a + e.
// Many local minima; only the global one, 0 at the origin, is listed. At the origin the first
// term has a cone-shaped kink: its gradient has no limit there (0 is a subgradient, and is the
// value returned) and its Hessian blows up like 1/r, so at exactly the origin the Hessian
// returned is that of the smooth cosine term alone.
namespace ackley {
constexpr double a = 20.0, b = 0.2, c = 2.0 * pi;
template <class Trig = AnyArgument>
double value(double x, double y) {
  const double r = std::sqrt(0.5 * (x * x + y * y));
  return -a * lane_math::exp(-b * r) - lane_math::exp(0.5 * (Trig::cos(c * x) + Trig::cos(c * y))) + a +
         std::numbers::e;
}
template <class Trig = AnyArgument>
dvec2 gradient(double x, double y) {
  // Cosine term: -exp(C) with C = (cos cx + cos cy) / 2, so grad = (c/2) exp(C) (sin cx, sin cy).
  const double E = lane_math::exp(0.5 * (Trig::cos(c * x) + Trig::cos(c * y)));
  const dvec2 g = 0.5 * c * E * dvec2(Trig::sin(c * x), Trig::sin(c * y));
  // Cone term: -a exp(-b r) with r = sqrt((x^2 + y^2) / 2), dr/dp = p / (2 r); nothing where r = 0.
  // (Selects, not a branch, so that a loop over points vectorises; no 0/0 is computed.)
  const double r = std::sqrt(0.5 * (x * x + y * y));
  const double positive_r = r > 0.0 ? r : 1.0;
  const double cone = r > 0.0 ? a * b * lane_math::exp(-b * r) / (2.0 * positive_r) : 0.0;
  return g + cone * dvec2(x, y);
}
dmat2 hessian(double x, double y) {
  const double E = lane_math::exp(0.5 * (lane_math::cos(c * x) + lane_math::cos(c * y)));
  const double sx = lane_math::sin(c * x), sy = lane_math::sin(c * y);
  dmat2 h = symmetric(0.5 * c * c * E * (lane_math::cos(c * x) - 0.5 * sx * sx), -0.25 * c * c * E * sx * sy,
                      0.5 * c * c * E * (lane_math::cos(c * y) - 0.5 * sy * sy));
  const double r = std::sqrt(0.5 * (x * x + y * y));
  if (r > 0.0) {
    // Cone gradient = g(r) p with g(r) = a b exp(-b r) / (2 r);
    // its Jacobian is g(r) I + g'(r) p (dr/dp)^T = g I + (g' / (2 r)) p p^T.
    const double g = a * b * lane_math::exp(-b * r) / (2.0 * r);
    const double dg = -g * (b + 1.0 / r);
    h += g * dmat2(1.0) + (dg / (2.0 * r)) * glm::outerProduct(dvec2(x, y), dvec2(x, y));
  }
  return h;
}
}  // namespace ackley

// Beale: f = (1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2,
// a sum of squared residuals t_k = c_k - x + x y^k. Global minimum 0 at (3, 0.5).
namespace beale {
constexpr double c[3] = {1.5, 2.25, 2.625};
double value(double x, double y) {
  double f = 0.0, yk = 1.0;
  for (int k = 1; k <= 3; ++k) {
    yk *= y;
    const double t = c[k - 1] - x + x * yk;
    f += t * t;
  }
  return f;
}
dvec2 gradient(double x, double y) {
  dvec2 g(0.0);
  double yk = 1.0;  // y^k, with y^(k-1) kept from the previous step
  for (int k = 1; k <= 3; ++k) {
    const double ykm1 = yk;
    yk *= y;
    const double t = c[k - 1] - x + x * yk;
    g += 2.0 * t * dvec2(yk - 1.0, k * x * ykm1);
  }
  return g;
}
dmat2 hessian(double x, double y) {
  // (t^2)'' = 2 (t' t'^T + t t''), with t'' = [[0, k y^(k-1)], [k y^(k-1), k (k-1) x y^(k-2)]].
  dmat2 h(0.0);
  double ykm2 = 0.0, ykm1 = 1.0;  // y^(k-2) and y^(k-1); y^(-1) only ever multiplies k - 1 = 0
  for (int k = 1; k <= 3; ++k) {
    const double yk = ykm1 * y;
    const double t = c[k - 1] - x + x * yk;
    const dvec2 dt(yk - 1.0, k * x * ykm1);
    h += 2.0 * (glm::outerProduct(dt, dt) + t * symmetric(0.0, k * ykm1, k * (k - 1) * x * ykm2));
    ykm2 = ykm1;
    ykm1 = yk;
  }
  return h;
}
}  // namespace beale

// Booth: f = (x + 2y - 7)^2 + (2x + y - 5)^2. Global minimum 0 at (1, 3).
namespace booth {
double value(double x, double y) {
  const double u = x + 2.0 * y - 7.0, v = 2.0 * x + y - 5.0;
  return u * u + v * v;
}
dvec2 gradient(double x, double y) {
  const double u = x + 2.0 * y - 7.0, v = 2.0 * x + y - 5.0;
  return {2.0 * u + 4.0 * v, 4.0 * u + 2.0 * v};
}
dmat2 hessian(double, double) { return symmetric(10.0, 8.0, 10.0); }
}  // namespace booth

// Matyas: f = 0.26 (x^2 + y^2) - 0.48 x y. A flat, tilted quadratic; minimum 0 at the origin.
namespace matyas {
double value(double x, double y) { return 0.26 * (x * x + y * y) - 0.48 * x * y; }
dvec2 gradient(double x, double y) { return {0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x}; }
dmat2 hessian(double, double) { return symmetric(0.52, -0.48, 0.52); }
}  // namespace matyas

// Three-hump camel: f = 2x^2 - 1.05x^4 + x^6/6 + x y + y^2.
// Global minimum 0 at the origin and two local minima, symmetric through the origin.
namespace three_hump_camel {
double value(double x, double y) {
  const double x2 = x * x;
  return 2.0 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6.0 + x * y + y * y;
}
dvec2 gradient(double x, double y) {
  const double x2 = x * x;
  return {4.0 * x - 4.2 * x2 * x + x2 * x2 * x + y, x + 2.0 * y};
}
dmat2 hessian(double x, double) {
  const double x2 = x * x;
  return symmetric(4.0 - 12.6 * x2 + 5.0 * x2 * x2, 1.0, 2.0);
}
}  // namespace three_hump_camel

// Six-hump camel: f = (4 - 2.1x^2 + x^4/3) x^2 + x y + (-4 + 4y^2) y^2.
// Two global minima of -1.0316284534898774 and four local minima, symmetric through the origin.
namespace six_hump_camel {
double value(double x, double y) {
  const double x2 = x * x, y2 = y * y;
  return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2;
}
dvec2 gradient(double x, double y) {
  const double x2 = x * x;
  return {8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y, x - 8.0 * y + 16.0 * y * y * y};
}
dmat2 hessian(double x, double y) {
  const double x2 = x * x;
  return symmetric(8.0 - 25.2 * x2 + 10.0 * x2 * x2, 1.0, -8.0 + 48.0 * y * y);
}
}  // namespace six_hump_camel

// Goldstein-Price (1971): f = A(x, y) B(x, y) with
//   A = 1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2),
//   B = 30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36xy + 27y^2).
// Global minimum 3 at (0, -1); local minima 30 at (-0.6, -0.4), 84 at (1.8, 0.2) and 840 at
// (1.2, 0.8). Derivatives by the product rule on both levels.
namespace goldstein_price {
// One factor K = k0 + s^2 q, with s linear and q quadratic, and its first two derivatives.
struct Factor {
  double value;
  dvec2 gradient;
  dmat2 hessian;
};
Factor factor(double k0, double s, dvec2 ds, double q, dvec2 dq, dmat2 d2q) {
  return {k0 + s * s * q, 2.0 * s * q * ds + s * s * dq,
          2.0 * q * glm::outerProduct(ds, ds) + 2.0 * s * symmetric_outer(ds, dq) + s * s * d2q};
}
Factor factor_a(double x, double y) {
  const double q = 19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y;
  const double dq = -14.0 + 6.0 * x + 6.0 * y;
  return factor(1.0, x + y + 1.0, {1.0, 1.0}, q, {dq, dq}, symmetric(6.0, 6.0, 6.0));
}
Factor factor_b(double x, double y) {
  const double q = 18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y;
  return factor(30.0, 2.0 * x - 3.0 * y, {2.0, -3.0}, q, {-32.0 + 24.0 * x - 36.0 * y, 48.0 - 36.0 * x + 54.0 * y},
                symmetric(24.0, -36.0, 54.0));
}
double value(double x, double y) { return factor_a(x, y).value * factor_b(x, y).value; }
dvec2 gradient(double x, double y) {
  const Factor A = factor_a(x, y), B = factor_b(x, y);
  return B.value * A.gradient + A.value * B.gradient;
}
dmat2 hessian(double x, double y) {
  const Factor A = factor_a(x, y), B = factor_b(x, y);
  return B.value * A.hessian + A.value * B.hessian + symmetric_outer(A.gradient, B.gradient);
}
}  // namespace goldstein_price

// Styblinski-Tang, n = 2: f = (1/2) sum_i (x_i^4 - 16 x_i^2 + 5 x_i). Separable; each axis has
// two minima (the real roots of 4t^3 - 32t + 5 near -2.90 and 2.75), giving four minima.
namespace styblinski_tang {
double term(double t) { return 0.5 * (t * t * t * t - 16.0 * t * t + 5.0 * t); }
double dterm(double t) { return 2.0 * t * t * t - 16.0 * t + 2.5; }
double d2term(double t) { return 6.0 * t * t - 16.0; }
double value(double x, double y) { return term(x) + term(y); }
dvec2 gradient(double x, double y) { return {dterm(x), dterm(y)}; }
dmat2 hessian(double x, double y) { return symmetric(d2term(x), 0.0, d2term(y)); }
}  // namespace styblinski_tang

// McCormick: f = sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1.
// Stationary points satisfy x - y = 1 and cos(x + y) = -1/2; the minima have x + y = -2pi/3
// (global, value -sqrt(3)/2 - pi/3) and x + y = 4pi/3 (local, value -sqrt(3)/2 + 2pi/3).
namespace mccormick {
template <class Trig = AnyArgument>
double value(double x, double y) {
  const double d = x - y;
  return Trig::sin(x + y) + d * d - 1.5 * x + 2.5 * y + 1.0;
}
template <class Trig = AnyArgument>
dvec2 gradient(double x, double y) {
  const double c = Trig::cos(x + y), d = x - y;
  return {c + 2.0 * d - 1.5, c - 2.0 * d + 2.5};
}
dmat2 hessian(double x, double y) {
  const double s = lane_math::sin(x + y);
  return symmetric(2.0 - s, -2.0 - s, 2.0 - s);
}
}  // namespace mccormick

// Easom: f = -cos(x) cos(y) exp(-((x - pi)^2 + (y - pi)^2)). Flat almost everywhere, with a
// single narrow well of depth -1 at (pi, pi). (The negligible dimples of depth ~-8e-5 near the
// corners of the default domain are not listed.) Written as f = -C E with C = cos x cos y and
// E = exp(-q), q = (x - pi)^2 + (y - pi)^2.
namespace easom {
template <class Trig = AnyArgument>
double value(double x, double y) {
  const double dx = x - pi, dy = y - pi;
  return -Trig::cos(x) * Trig::cos(y) * lane_math::exp(-(dx * dx + dy * dy));
}
template <class Trig = AnyArgument>
dvec2 gradient(double x, double y) {
  const dvec2 d(x - pi, y - pi);
  const double C = Trig::cos(x) * Trig::cos(y), E = lane_math::exp(-glm::dot(d, d));
  const dvec2 dC(-Trig::sin(x) * Trig::cos(y), -Trig::cos(x) * Trig::sin(y));
  const dvec2 dE = -2.0 * E * d;
  return -(E * dC + C * dE);
}
dmat2 hessian(double x, double y) {
  const dvec2 d(x - pi, y - pi);
  const double C = lane_math::cos(x) * lane_math::cos(y), E = lane_math::exp(-glm::dot(d, d));
  const dvec2 dC(-lane_math::sin(x) * lane_math::cos(y), -lane_math::cos(x) * lane_math::sin(y));
  const dvec2 dE = -2.0 * E * d;
  const dmat2 d2C = symmetric(-C, lane_math::sin(x) * lane_math::sin(y), -C);
  const dmat2 d2E = E * (4.0 * glm::outerProduct(d, d) - 2.0 * dmat2(1.0));
  return -(E * d2C + C * d2E + symmetric_outer(dC, dE));
}
}  // namespace easom

// Levi N.13: f = sin^2(3 pi x) + (x - 1)^2 (1 + sin^2(3 pi y)) + (y - 1)^2 (1 + sin^2(2 pi y)).
// Uses (sin^2(k t))' = 2k sin(kt) cos(kt) (= k sin(2kt): the sines and cosines of the value's own
// arguments, no new ones to compute) and (sin^2(k t))'' = 2k^2 cos(2kt). Many local minima; only
// the global one, 0 at (1, 1), is listed.
namespace levi13 {
double sq(double t) { return t * t; }
template <class Trig = AnyArgument>
double value(double x, double y) {
  return sq(Trig::sin(3.0 * pi * x)) + sq(x - 1.0) * (1.0 + sq(Trig::sin(3.0 * pi * y))) +
         sq(y - 1.0) * (1.0 + sq(Trig::sin(2.0 * pi * y)));
}
template <class Trig = AnyArgument>
dvec2 gradient(double x, double y) {
  const double u = x - 1.0, v = y - 1.0;
  const double s3x = Trig::sin(3.0 * pi * x), s3y = Trig::sin(3.0 * pi * y), s2y = Trig::sin(2.0 * pi * y);
  const double dx = 6.0 * pi * s3x * Trig::cos(3.0 * pi * x) + 2.0 * u * (1.0 + sq(s3y));
  const double dy = 6.0 * pi * u * u * s3y * Trig::cos(3.0 * pi * y) + 2.0 * v * (1.0 + sq(s2y)) +
                    4.0 * pi * v * v * s2y * Trig::cos(2.0 * pi * y);
  return {dx, dy};
}
dmat2 hessian(double x, double y) {
  const double u = x - 1.0, v = y - 1.0;
  const double xx = 18.0 * pi * pi * lane_math::cos(6.0 * pi * x) + 2.0 * (1.0 + sq(lane_math::sin(3.0 * pi * y)));
  const double xy = 6.0 * pi * u * lane_math::sin(6.0 * pi * y);
  const double yy = 18.0 * pi * pi * u * u * lane_math::cos(6.0 * pi * y) +
                    2.0 * (1.0 + sq(lane_math::sin(2.0 * pi * y))) + 8.0 * pi * v * lane_math::sin(4.0 * pi * y) +
                    8.0 * pi * pi * v * v * lane_math::cos(4.0 * pi * y);
  return symmetric(xx, xy, yy);
}
}  // namespace levi13

// Sine-cosine wave: the egg-crate surface sin(x) cos(y) used in gradient-descent tutorials,
// set in a shallow bowl so that its wells differ in depth:
//   f = sin(x) cos(y) + (x^2 + y^2) / 20.
// Ten minima in the default domain [-6, 6]^2 (all listed, refined by Newton's method); the
// deepest, at (-1.4275..., 0), is the well of sin(x) cos(y) at (-pi/2, 0) pulled toward the origin.
namespace sincos_wave {
constexpr double k = 0.05;  // bowl weight
template <class Trig = AnyArgument>
double value(double x, double y) {
  return Trig::sin(x) * Trig::cos(y) + k * (x * x + y * y);
}
template <class Trig = AnyArgument>
dvec2 gradient(double x, double y) {
  return {Trig::cos(x) * Trig::cos(y) + 2.0 * k * x, -Trig::sin(x) * Trig::sin(y) + 2.0 * k * y};
}
dmat2 hessian(double x, double y) {
  const double s = lane_math::sin(x) * lane_math::cos(y);
  return symmetric(2.0 * k - s, -lane_math::cos(x) * lane_math::sin(y), 2.0 * k - s);
}
}  // namespace sincos_wave

// ---------------------------------------------------------------------------------------------
// The table.

// Value and gradient over many points, with the function's own code inlined into the loop
// (a template argument, unlike a function pointer, can be inlined, and the loop vectorised;
// `flatten` inlines everything the loop calls, however large). Vectorised at each CPU's width
// (vector_clones.hpp), with the very operations of value() and gradient(): the same numbers.
template <double (*Value)(double, double), dvec2 (*Gradient)(double, double)>
LOSSCAPE_VECTOR_CLONES __attribute__((flatten)) void batch_of(const double* __restrict x, const double* __restrict y,
                                                              std::size_t n, double* __restrict f,
                                                              double* __restrict gx, double* __restrict gy) {
  for (std::size_t i = 0; i < n; ++i) {
    // Both read the same (x, y), so the work they share (a sine's argument reduction, say) is
    // done once.
    const double xi = x[i], yi = y[i];
    f[i] = Value(xi, yi);
    const dvec2 g = Gradient(xi, yi);
    gx[i] = g.x;
    gy[i] = g.y;
  }
}

// The built-ins' values and gradients take sines and cosines of at most 3 pi max(|x|, |y|)
// (Levi N.13's sin(3 pi x)), so where every |x| and |y| is within this, all their arguments are
// within kNearRange, with room to spare. (Tested: the batch equals value() and gradient() on
// both sides of this bound.)
constexpr double kNearInput = lane_math::kNearRange / 32.0;

// batch_of for a function with sines and cosines: the vectorisable NearArgument code where
// every point is near enough the origin (every basin-map step on the default domains is), the
// AnyArgument code otherwise.
template <double (*ValueNear)(double, double), dvec2 (*GradientNear)(double, double),
          double (*ValueAny)(double, double), dvec2 (*GradientAny)(double, double)>
LOSSCAPE_VECTOR_CLONES void trigonometric_batch_of(const double* x, const double* y, std::size_t n, double* f,
                                                   double* gx, double* gy) {
  std::int64_t near = 1;  // not a bool: this loop vectorises
  for (std::size_t i = 0; i < n; ++i) near &= (std::abs(x[i]) <= kNearInput) & (std::abs(y[i]) <= kNearInput);
  if (near) {
    batch_of<ValueNear, GradientNear>(x, y, n, f, gx, gy);
  } else {
    batch_of<ValueAny, GradientAny>(x, y, n, f, gx, gy);
  }
}

struct BuiltinSpec {
  std::string name;     // command-line name
  std::string title;    // display name
  std::string formula;  // plain ASCII formula text
  Domain domain;
  HeightTransform transform;
  std::vector<KnownMinimum> minima;
  std::optional<dvec2> start = std::nullopt;  // a start that shows a good path; none: near a domain corner
  PreferredView view = {};
  double (*value)(double x, double y);
  dvec2 (*gradient)(double x, double y);
  dmat2 (*hessian)(double x, double y);
  void (*batch)(const double* x, const double* y, std::size_t n, double* f, double* gx, double* gy);
};

const std::vector<BuiltinSpec>& builtin_specs() {
  using enum HeightTransform;
  static const std::vector<BuiltinSpec> specs = {
      {.name = "bowl",
       .title = "Bowl",
       .formula = "x^2 + y^2",
       .domain = {-5.0, 5.0, -5.0, 5.0},
       .transform = linear,
       .minima = {{{0.0, 0.0}, 0.0, true}},
       .start = dvec2(4.0, 3.0),
       .value = bowl::value,
       .gradient = bowl::gradient,
       .hessian = bowl::hessian,
       .batch = batch_of<bowl::value, bowl::gradient>},
      {.name = "saddle",
       .title = "Saddle",
       .formula = "x^2 - y^2",
       .domain = {-2.0, 2.0, -2.0, 2.0},
       .transform = linear,
       .minima = {},
       .start = dvec2(-3.0, 0.05),  // a hair off y = 0: in along x to the saddle, then away along y
       .value = saddle::value,
       .gradient = saddle::gradient,
       .hessian = saddle::hessian,
       .batch = batch_of<saddle::value, saddle::gradient>},
      {.name = "monkey_saddle",
       .title = "Monkey saddle",
       .formula = "x^3 - 3*x*y^2",
       .domain = {-2.0, 2.0, -2.0, 2.0},
       .transform = linear,
       .minima = {},
       .value = monkey_saddle::value,
       .gradient = monkey_saddle::gradient,
       .hessian = monkey_saddle::hessian,
       .batch = batch_of<monkey_saddle::value, monkey_saddle::gradient>},
      {.name = "rosenbrock",
       .title = "Rosenbrock",
       .formula = "(1 - x)^2 + 100*(y - x^2)^2",
       .domain = {-2.0, 2.0, -1.0, 3.0},
       .transform = log1p,
       .minima = {{{1.0, 1.0}, 0.0, true}},
       .start = dvec2(-1.5, 2.0),
       .view = {.yaw = -10.0f, .pitch = 62.0f, .distance = 4.0f},  // steeply down the curved valley
       .value = rosenbrock::value,
       .gradient = rosenbrock::gradient,
       .hessian = rosenbrock::hessian,
       .batch = batch_of<rosenbrock::value, rosenbrock::gradient>},
      {.name = "himmelblau",
       .title = "Himmelblau",
       .formula = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
       .domain = {-5.0, 5.0, -5.0, 5.0},
       .transform = linear,
       .minima = {{{3.0, 2.0}, 0.0, true},
                  {{-2.805118086952745, 3.131312518250573}, 0.0, true},
                  {{-3.779310253377747, -3.283185991286170}, 0.0, true},
                  {{3.584428340330492, -1.848126526964404}, 0.0, true}},
       .start = dvec2(-0.4, -0.2),
       .value = himmelblau::value,
       .gradient = himmelblau::gradient,
       .hessian = himmelblau::hessian,
       .batch = batch_of<himmelblau::value, himmelblau::gradient>},
      {.name = "rastrigin",
       .title = "Rastrigin",
       .formula = "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
       .domain = {-5.12, 5.12, -5.12, 5.12},
       .transform = linear,
       .minima = {{{0.0, 0.0}, 0.0, true}},
       .view = {.pitch = 70.0f, .distance = 4.6f},  // its minima lie between rows of peaks: look down into them
       .value = rastrigin::value<>,
       .gradient = rastrigin::gradient<>,
       .hessian = rastrigin::hessian,
       .batch = trigonometric_batch_of<rastrigin::value<NearArgument>, rastrigin::gradient<NearArgument>,
                                       rastrigin::value<>, rastrigin::gradient<>>},
      {.name = "ackley",
       .title = "Ackley",
       .formula = "-20*exp(-0.2*sqrt((x^2 + y^2)/2)) - exp((cos(2*pi*x) + cos(2*pi*y))/2) + 20 + e",
       .domain = {-5.0, 5.0, -5.0, 5.0},
       .transform = linear,
       .minima = {{{0.0, 0.0}, 0.0, true}},
       .value = ackley::value<>,
       .gradient = ackley::gradient<>,
       .hessian = ackley::hessian,
       .batch = trigonometric_batch_of<ackley::value<NearArgument>, ackley::gradient<NearArgument>, ackley::value<>,
                                       ackley::gradient<>>},
      {.name = "beale",
       .title = "Beale",
       .formula = "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
       .domain = {-4.5, 4.5, -4.5, 4.5},
       .transform = log1p,
       .minima = {{{3.0, 0.5}, 0.0, true}},
       .start = dvec2(-3.0, -3.0),
       .value = beale::value,
       .gradient = beale::gradient,
       .hessian = beale::hessian,
       .batch = batch_of<beale::value, beale::gradient>},
      {.name = "booth",
       .title = "Booth",
       .formula = "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
       .domain = {-10.0, 10.0, -10.0, 10.0},
       .transform = linear,
       .minima = {{{1.0, 3.0}, 0.0, true}},
       .start = dvec2(-6.0, -4.0),
       .value = booth::value,
       .gradient = booth::gradient,
       .hessian = booth::hessian,
       .batch = batch_of<booth::value, booth::gradient>},
      {.name = "matyas",
       .title = "Matyas",
       .formula = "0.26*(x^2 + y^2) - 0.48*x*y",
       .domain = {-10.0, 10.0, -10.0, 10.0},
       .transform = linear,
       .minima = {{{0.0, 0.0}, 0.0, true}},
       .value = matyas::value,
       .gradient = matyas::gradient,
       .hessian = matyas::hessian,
       .batch = batch_of<matyas::value, matyas::gradient>},
      {.name = "three_hump_camel",
       .title = "Three-hump camel",
       .formula = "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
       .domain = {-2.0, 2.0, -2.0, 2.0},
       .transform = linear,
       .minima = {{{0.0, 0.0}, 0.0, true},
                  {{1.747552345830289, -0.8737761729151444}, 0.2986384422368598, false},
                  {{-1.747552345830289, 0.8737761729151444}, 0.2986384422368598, false}},
       .value = three_hump_camel::value,
       .gradient = three_hump_camel::gradient,
       .hessian = three_hump_camel::hessian,
       .batch = batch_of<three_hump_camel::value, three_hump_camel::gradient>},
      {.name = "six_hump_camel",
       .title = "Six-hump camel",
       .formula = "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
       .domain = {-3.0, 3.0, -2.0, 2.0},
       .transform = linear,
       .minima = {{{0.08984201310031806, -0.7126564030207396}, -1.031628453489877, true},
                  {{-0.08984201310031806, 0.7126564030207396}, -1.031628453489877, true},
                  {{1.703606714969981, -0.7960835686726251}, -0.2154638243837176, false},
                  {{-1.703606714969981, 0.7960835686726251}, -0.2154638243837176, false},
                  {{1.607104752920197, 0.5686514548841314}, 2.104250310311258, false},
                  {{-1.607104752920197, -0.5686514548841314}, 2.104250310311258, false}},
       .value = six_hump_camel::value,
       .gradient = six_hump_camel::gradient,
       .hessian = six_hump_camel::hessian,
       .batch = batch_of<six_hump_camel::value, six_hump_camel::gradient>},
      {.name = "goldstein_price",
       .title = "Goldstein-Price",
       .formula = "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*"
                  "(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
       .domain = {-2.0, 2.0, -2.0, 2.0},
       .transform = log1p,
       .minima = {{{0.0, -1.0}, 3.0, true},
                  {{-0.6, -0.4}, 30.0, false},
                  {{1.8, 0.2}, 84.0, false},
                  {{1.2, 0.8}, 840.0, false}},
       .value = goldstein_price::value,
       .gradient = goldstein_price::gradient,
       .hessian = goldstein_price::hessian,
       .batch = batch_of<goldstein_price::value, goldstein_price::gradient>},
      {.name = "styblinski_tang",
       .title = "Styblinski-Tang",
       .formula = "(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)/2",
       .domain = {-5.0, 5.0, -5.0, 5.0},
       .transform = linear,
       .minima = {{{-2.903534027771177, -2.903534027771177}, -78.33233140754283, true},
                  {{-2.903534027771177, 2.746802770990837}, -64.19561235905536, false},
                  {{2.746802770990837, -2.903534027771177}, -64.19561235905536, false},
                  {{2.746802770990837, 2.746802770990837}, -50.05889331056789, false}},
       .value = styblinski_tang::value,
       .gradient = styblinski_tang::gradient,
       .hessian = styblinski_tang::hessian,
       .batch = batch_of<styblinski_tang::value, styblinski_tang::gradient>},
      {.name = "mccormick",
       .title = "McCormick",
       .formula = "sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1",
       .domain = {-1.5, 4.0, -3.0, 4.0},
       .transform = linear,
       .minima = {{{0.5 - pi / 3.0, -0.5 - pi / 3.0}, -std::sqrt(3.0) / 2.0 - pi / 3.0, true},
                  {{0.5 + 2.0 * pi / 3.0, -0.5 + 2.0 * pi / 3.0}, -std::sqrt(3.0) / 2.0 + 2.0 * pi / 3.0, false}},
       .value = mccormick::value<>,
       .gradient = mccormick::gradient<>,
       .hessian = mccormick::hessian,
       .batch = trigonometric_batch_of<mccormick::value<NearArgument>, mccormick::gradient<NearArgument>,
                                       mccormick::value<>, mccormick::gradient<>>},
      {.name = "easom",
       .title = "Easom",
       .formula = "-cos(x)*cos(y)*exp(-((x - pi)^2 + (y - pi)^2))",
       .domain = {0.5, 5.8, 0.5, 5.8},
       .transform = linear,
       .minima = {{{pi, pi}, -1.0, true}},
       .value = easom::value<>,
       .gradient = easom::gradient<>,
       .hessian = easom::hessian,
       .batch = trigonometric_batch_of<easom::value<NearArgument>, easom::gradient<NearArgument>, easom::value<>,
                                       easom::gradient<>>},
      {.name = "levi13",
       .title = "Levi N.13",
       .formula = "sin(3*pi*x)^2 + (x - 1)^2*(1 + sin(3*pi*y)^2) + (y - 1)^2*(1 + sin(2*pi*y)^2)",
       .domain = {-2.0, 4.0, -2.0, 4.0},
       .transform = linear,
       .minima = {{{1.0, 1.0}, 0.0, true}},
       .value = levi13::value<>,
       .gradient = levi13::gradient<>,
       .hessian = levi13::hessian,
       .batch = trigonometric_batch_of<levi13::value<NearArgument>, levi13::gradient<NearArgument>, levi13::value<>,
                                       levi13::gradient<>>},
      {.name = "sincos_wave",
       .title = "Sine-cosine wave",
       .formula = "sin(x)*cos(y) + (x^2 + y^2)/20",
       .domain = {-6.0, 6.0, -6.0, 6.0},
       .transform = linear,
       .minima = {{{-1.427551778764594, 0.0}, -0.8878628265737076, true},
                  {{1.421771779434297, 2.849323558198891}, -0.4399749751160590, false},
                  {{1.421771779434297, -2.849323558198891}, -0.4399749751160590, false},
                  {{4.271095337633188, 0.0}, 0.007912876341589640, false},
                  {{-4.248221508053632, 2.820669729289038}, 0.4516369840169436, false},
                  {{-4.248221508053632, -2.820669729289038}, 0.4516369840169436, false},
                  {{-1.398897949854741, 5.669993287487929}, 0.8995248354745922, false},
                  {{-1.398897949854741, -5.669993287487929}, 0.8995248354745922, false},
                  {{4.125666119861831, 5.553217898626425}, 1.772398346383380, false},
                  {{4.125666119861831, -5.553217898626425}, 1.772398346383380, false}},
       .value = sincos_wave::value<>,
       .gradient = sincos_wave::gradient<>,
       .hessian = sincos_wave::hessian,
       .batch = trigonometric_batch_of<sincos_wave::value<NearArgument>, sincos_wave::gradient<NearArgument>,
                                       sincos_wave::value<>, sincos_wave::gradient<>>},
  };
  return specs;
}

// ---------------------------------------------------------------------------------------------
// The one CostFunction implementation, a thin view of a table row.

class BuiltinFunction final : public CostFunction {
 public:
  explicit BuiltinFunction(const BuiltinSpec& spec) : spec_(&spec) {}

  double value(dvec2 p) const override { return spec_->value(p.x, p.y); }
  dvec2 gradient(dvec2 p) const override { return spec_->gradient(p.x, p.y); }
  dmat2 hessian(dvec2 p) const override { return spec_->hessian(p.x, p.y); }
  void evaluate_batch(const double* x, const double* y, std::size_t n, double* f, double* gx,
                      double* gy) const override {
    spec_->batch(x, y, n, f, gx, gy);
  }

  const std::string& name() const override { return spec_->name; }
  const std::string& title() const override { return spec_->title; }
  const std::string& formula() const override { return spec_->formula; }
  Domain domain() const override { return spec_->domain; }
  std::vector<KnownMinimum> known_minima() const override { return spec_->minima; }
  HeightTransform height_transform() const override { return spec_->transform; }
  std::optional<dvec2> preferred_start() const override { return spec_->start; }
  PreferredView preferred_view() const override { return spec_->view; }

 private:
  const BuiltinSpec* spec_;  // a row of the static table, alive for the whole program
};

}  // namespace

const std::vector<std::string>& builtin_function_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const BuiltinSpec& spec : builtin_specs()) result.push_back(spec.name);
    return result;
  }();
  return names;
}

std::unique_ptr<CostFunction> make_builtin_function(const std::string& name) {
  for (const BuiltinSpec& spec : builtin_specs()) {
    if (spec.name == name) return std::make_unique<BuiltinFunction>(spec);
  }
  return nullptr;
}

}  // namespace losscape
