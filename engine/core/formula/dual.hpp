#pragma once
// Forward-mode automatic differentiation in two variables (x, y).
//   Dual1: value and gradient.          Dual2: value, gradient and Hessian.
// Why forward mode rather than symbolic differentiation: the formula is already compiled to a
// flat program, and running that same program on these numbers gives derivatives exact to
// rounding, with no expression swell and no second code path to keep in step with the first.
// Every elementary function is applied through chain(), from its value and first two
// derivatives at the point, so adding a function means writing f, f' and f'' once.
#include <cmath>

namespace losscape::ad {

struct Dual1 {
  double v = 0.0, gx = 0.0, gy = 0.0;
};

struct Dual2 {
  double v = 0.0, gx = 0.0, gy = 0.0, hxx = 0.0, hxy = 0.0, hyy = 0.0;
};

// Constants and the two variables.
template <typename T>
T constant(double c) {
  T t;
  t.v = c;
  return t;
}
template <>
inline double constant<double>(double c) {
  return c;
}
template <typename T>
T variable_x(double x) {
  T t = constant<T>(x);
  t.gx = 1.0;
  return t;
}
template <>
inline double variable_x<double>(double x) {
  return x;
}
template <typename T>
T variable_y(double y) {
  T t = constant<T>(y);
  t.gy = 1.0;
  return t;
}
template <>
inline double variable_y<double>(double y) {
  return y;
}

inline double value(double t) { return t; }
inline double value(const Dual1& t) { return t.v; }
inline double value(const Dual2& t) { return t.v; }

// g(u) given g(u.v) = f0, g'(u.v) = f1, g''(u.v) = f2.
inline double chain(double, double f0, double, double) { return f0; }
inline Dual1 chain(const Dual1& u, double f0, double f1, double) { return {f0, f1 * u.gx, f1 * u.gy}; }
inline Dual2 chain(const Dual2& u, double f0, double f1, double f2) {
  return {f0,
          f1 * u.gx,
          f1 * u.gy,
          f1 * u.hxx + f2 * u.gx * u.gx,
          f1 * u.hxy + f2 * u.gx * u.gy,
          f1 * u.hyy + f2 * u.gy * u.gy};
}

// g(a, b) given its value and partial derivatives at (a.v, b.v).
struct Partials {
  double f, fa, fb, faa, fab, fbb;
};
inline double chain2(double, double, const Partials& p) { return p.f; }
inline Dual1 chain2(const Dual1& a, const Dual1& b, const Partials& p) {
  return {p.f, p.fa * a.gx + p.fb * b.gx, p.fa * a.gy + p.fb * b.gy};
}
inline Dual2 chain2(const Dual2& a, const Dual2& b, const Partials& p) {
  return {p.f,
          p.fa * a.gx + p.fb * b.gx,
          p.fa * a.gy + p.fb * b.gy,
          p.fa * a.hxx + p.fb * b.hxx + p.faa * a.gx * a.gx + 2.0 * p.fab * a.gx * b.gx + p.fbb * b.gx * b.gx,
          p.fa * a.hxy + p.fb * b.hxy + p.faa * a.gx * a.gy + p.fab * (a.gx * b.gy + a.gy * b.gx) + p.fbb * b.gx * b.gy,
          p.fa * a.hyy + p.fb * b.hyy + p.faa * a.gy * a.gy + 2.0 * p.fab * a.gy * b.gy + p.fbb * b.gy * b.gy};
}

inline Dual1 operator+(const Dual1& a, const Dual1& b) { return {a.v + b.v, a.gx + b.gx, a.gy + b.gy}; }
inline Dual1 operator-(const Dual1& a, const Dual1& b) { return {a.v - b.v, a.gx - b.gx, a.gy - b.gy}; }
inline Dual1 operator-(const Dual1& a) { return {-a.v, -a.gx, -a.gy}; }
inline Dual1 operator*(const Dual1& a, const Dual1& b) {
  return {a.v * b.v, a.gx * b.v + a.v * b.gx, a.gy * b.v + a.v * b.gy};
}
inline Dual1 operator/(const Dual1& a, const Dual1& b) {
  const double q = a.v / b.v;
  return {q, (a.gx - q * b.gx) / b.v, (a.gy - q * b.gy) / b.v};
}

inline Dual2 operator+(const Dual2& a, const Dual2& b) {
  return {a.v + b.v, a.gx + b.gx, a.gy + b.gy, a.hxx + b.hxx, a.hxy + b.hxy, a.hyy + b.hyy};
}
inline Dual2 operator-(const Dual2& a, const Dual2& b) {
  return {a.v - b.v, a.gx - b.gx, a.gy - b.gy, a.hxx - b.hxx, a.hxy - b.hxy, a.hyy - b.hyy};
}
inline Dual2 operator-(const Dual2& a) { return {-a.v, -a.gx, -a.gy, -a.hxx, -a.hxy, -a.hyy}; }
inline Dual2 operator*(const Dual2& a, const Dual2& b) {
  return {a.v * b.v,
          a.gx * b.v + a.v * b.gx,
          a.gy * b.v + a.v * b.gy,
          a.hxx * b.v + 2.0 * a.gx * b.gx + a.v * b.hxx,
          a.hxy * b.v + a.gx * b.gy + a.gy * b.gx + a.v * b.hxy,
          a.hyy * b.v + 2.0 * a.gy * b.gy + a.v * b.hyy};
}
inline Dual2 operator/(const Dual2& a, const Dual2& b) {
  // a / b = a * (1 / b), with 1/b through the chain rule: (1/u)' = -1/u^2, (1/u)'' = 2/u^3.
  const double inv = 1.0 / b.v;
  return a * chain(b, inv, -inv * inv, 2.0 * inv * inv * inv);
}

}  // namespace losscape::ad
