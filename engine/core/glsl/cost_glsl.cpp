// A cost function as GLSL: the formula program's instructions, one statement each, with the
// value and gradient of every register (forward mode, as ad::Dual1 computes them), and the
// elementary functions' derivatives from the very rules the C++ evaluators use
// (formula/derivative_rules.hpp, applied here to GLSL expressions' text).
#include "engine/core/glsl/cost_glsl.hpp"

#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/derivative_rules.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/glsl/glsl_math.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <typeinfo>
#include <utility>

namespace losscape {
namespace {

using formula::Op;

// A number as a GLSL literal of the precision's type: all 17 digits and the LF suffix in
// double (an unsuffixed literal is a float, rounded before it is widened).
std::string literal(double c, GlslPrecision precision) {
  const bool fp64 = precision == GlslPrecision::fp64;
  if (std::isnan(c)) return "losscape_nan()";
  if (std::isinf(c) || (!fp64 && std::abs(c) > std::numeric_limits<float>::max())) {
    return c > 0 ? "losscape_inf()" : "(-losscape_inf())";
  }
  char text[40];
  std::snprintf(text, sizeof text, fp64 ? "%.17g" : "%.9g", std::abs(c));
  std::string s = text;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  if (fp64) s += "LF";
  return c < 0 || std::signbit(c) ? "(-" + s + ")" : s;
}

// "v12": a register's or temporary's name (built by appending: GCC 12 warns falsely on "v" + s).
std::string numbered(char prefix, int i) {
  std::string name(1, prefix);
  name += std::to_string(i);
  return name;
}

// A GLSL expression of type LOSSCAPE_REAL, as text: the number type the derivative rules run on.
struct Expr {
  std::string text;
  GlslPrecision precision;
};
Expr operator_expr(const Expr& a, const char* op, const Expr& b) {
  return {"(" + a.text + " " + op + " " + b.text + ")", a.precision};
}
Expr operator+(const Expr& a, const Expr& b) { return operator_expr(a, "+", b); }
Expr operator-(const Expr& a, const Expr& b) { return operator_expr(a, "-", b); }
Expr operator*(const Expr& a, const Expr& b) { return operator_expr(a, "*", b); }
Expr operator/(const Expr& a, const Expr& b) { return operator_expr(a, "/", b); }
Expr operator-(const Expr& a) { return {"(-" + a.text + ")", a.precision}; }
Expr operator+(double a, const Expr& b) { return Expr{literal(a, b.precision), b.precision} + b; }
Expr operator-(double a, const Expr& b) { return Expr{literal(a, b.precision), b.precision} - b; }
Expr operator*(double a, const Expr& b) { return Expr{literal(a, b.precision), b.precision} * b; }
Expr operator/(double a, const Expr& b) { return Expr{literal(a, b.precision), b.precision} / b; }
Expr operator-(const Expr& a, double b) { return a - Expr{literal(b, a.precision), a.precision}; }

// The math policy over Expr: each call becomes a temporary in the function's body (so a value
// the rules use twice, as tan's t, is computed once), named t<k>.
class GlslMath {
 public:
  GlslMath(std::string& body, int& temporaries, GlslPrecision precision)
      : body_(body), temporaries_(temporaries), precision_(precision) {}

  Expr sin(const Expr& u) const { return call("losscape_sin", u.text); }
  Expr cos(const Expr& u) const { return call("losscape_cos", u.text); }
  Expr tan(const Expr& u) const { return call("losscape_tan", u.text); }
  Expr asin(const Expr& u) const { return call("losscape_asin", u.text); }
  Expr acos(const Expr& u) const { return call("losscape_acos", u.text); }
  Expr atan(const Expr& u) const { return call("losscape_atan", u.text); }
  Expr sinh(const Expr& u) const { return call("losscape_sinh", u.text); }
  Expr cosh(const Expr& u) const { return call("losscape_cosh", u.text); }
  Expr tanh(const Expr& u) const { return call("losscape_tanh", u.text); }
  Expr exp(const Expr& u) const { return call("losscape_exp", u.text); }
  Expr log(const Expr& u) const { return call("losscape_log", u.text); }
  Expr log10(const Expr& u) const { return call("losscape_log10", u.text); }
  Expr log2(const Expr& u) const { return call("losscape_log2", u.text); }
  Expr sqrt(const Expr& u) const { return call("losscape_sqrt", u.text); }
  Expr abs(const Expr& u) const { return call("losscape_abs", u.text); }
  Expr sign(const Expr& u) const { return call("losscape_sign", u.text); }
  Expr integer_power(const Expr& u, int n) const {
    return call("losscape_integer_power", u.text + ", " + std::to_string(n));
  }
  Expr pow(const Expr& a, double b) const { return call("losscape_pow", a.text + ", " + literal(b, precision_)); }
  Expr pow(const Expr& a, const Expr& b) const { return call("losscape_pow", a.text + ", " + b.text); }
  Expr atan2(const Expr& a, const Expr& b) const { return call("losscape_atan2", a.text + ", " + b.text); }
  Expr constant(double c) const { return {literal(c, precision_), precision_}; }

 private:
  Expr call(const char* function, const std::string& arguments) const {
    const std::string name = numbered('t', temporaries_++);
    body_ += "  precise LOSSCAPE_REAL " + name + " = " + function + "(" + arguments + ");\n";
    return {name, precision_};
  }
  std::string& body_;
  int& temporaries_;
  GlslPrecision precision_;
};

// The program's body: register i is v<i> (value) and d<i> (gradient); parameters baked in.
std::string program_body(const formula::Program& program, const std::vector<double>& parameters,
                         GlslPrecision precision) {
  std::string body;
  int temporaries = 0;
  const GlslMath math(body, temporaries, precision);
  const auto v = [&](int i) { return Expr{numbered('v', i), precision}; };
  const auto d = [](int i) { return numbered('d', i); };
  const std::string zero = "LOSSCAPE_REAL2(losscape_zero)";
  for (std::size_t n = 0; n < program.code.size(); ++n) {
    const formula::Instruction& in = program.code[n];
    const int i = static_cast<int>(n);
    std::string value, gradient;
    switch (in.op) {
      case Op::constant: value = literal(in.constant, precision), gradient = zero; break;
      case Op::parameter:
        value = literal(parameters[static_cast<std::size_t>(in.parameter)], precision), gradient = zero;
        break;
      case Op::x: value = "p.x", gradient = "LOSSCAPE_REAL2(1.0, losscape_zero)"; break;
      case Op::y: value = "p.y", gradient = "LOSSCAPE_REAL2(losscape_zero, 1.0)"; break;
      case Op::neg: value = "-" + v(in.a).text, gradient = "-" + d(in.a); break;
      case Op::add: value = (v(in.a) + v(in.b)).text, gradient = d(in.a) + " + " + d(in.b); break;
      case Op::sub: value = (v(in.a) - v(in.b)).text, gradient = d(in.a) + " - " + d(in.b); break;
      case Op::mul:  // as ad::Dual1: a' b + a b'
        value = (v(in.a) * v(in.b)).text;
        gradient = d(in.a) + " * " + v(in.b).text + " + " + v(in.a).text + " * " + d(in.b);
        break;
      case Op::div:  // as ad::Dual1: q = a / b, (a' - q b') / b
        value = (v(in.a) / v(in.b)).text;
        gradient = "(" + d(in.a) + " - " + numbered('v', i) + " * " + d(in.b) + ") / " + v(in.b).text;
        break;
      case Op::min:
      case Op::max: {  // the derivative of the branch taken, as apply_binary
        const std::string taken = "(" + v(in.a).text + (in.op == Op::min ? " <= " : " >= ") + v(in.b).text + ")";
        value = taken + " ? " + v(in.a).text + " : " + v(in.b).text;
        gradient = taken + " ? " + d(in.a) + " : " + d(in.b);
        break;
      }
      case Op::pow:
      case Op::atan2: {
        const formula::BinaryRule<Expr> r = formula::binary_rule(in.op, v(in.a), v(in.b), math);
        value = r.f.text;
        gradient = r.fa.text + " * " + d(in.a) + " + " + r.fb.text + " * " + d(in.b);
        break;
      }
      default: {
        const formula::UnaryRule<Expr> r = formula::unary_rule(in.op, v(in.a), in.constant, math);
        value = r.f0.text, gradient = r.f1.text + " * " + d(in.a);
      }
    }
    const std::string index = std::to_string(i);
    // precise: as written, never reassociated or fused, and no x * 0 folded to 0 (it is NaN
    // for an infinite x: the C++ keeps that NaN, and the step rules read it).
    body += "  precise LOSSCAPE_REAL v" + index + " = " + value + ";\n";
    body += "  precise LOSSCAPE_REAL2 d" + index + " = " + gradient + ";\n";
  }
  return body;
}

// The program and parameter values a cost compiles from, or none.
struct Source {
  formula::Program program;
  std::vector<double> parameters;
};
Result<Source> compilable_source(const CostFunction& cost) {
  if (const auto* typed = dynamic_cast<const FormulaFunction*>(&cost)) {
    return Source{typed->program(), typed->parameter_values()};
  }
  // A built-in (the table's own class, not a wrapper carrying its name) through its formula:
  // tests/render/test_cost_glsl.cpp holds every built-in's GLSL to its C++.
  const std::unique_ptr<CostFunction> builtin = make_builtin_function(cost.name());
  const CostFunction* made = builtin.get();  // typeid of a named object: no call evaluated inside it
  if (made && typeid(*made) == typeid(cost)) {
    formula::Compiled compiled;
    formula::CompileError error;
    if (!formula::compile(builtin->formula(), compiled, error)) {
      return Error{"built-in '" + cost.name() + "': its formula does not compile: " + error.message};
    }
    return Source{std::move(compiled.program), std::move(compiled.parameter_values)};
  }
  return Error{"cost '" + cost.title() + "' has no GLSL form (only typed formulas and built-ins run on the GPU)"};
}

}  // namespace

Result<std::string> cost_glsl(const CostFunction& cost, GlslPrecision precision) {
  Result<Source> source = compilable_source(cost);
  if (!source) return Error{source.error()};
  if (source->program.code.empty()) return Error{"cost '" + cost.title() + "' has an empty formula"};
  const bool fp64 = precision == GlslPrecision::fp64;
  std::string glsl = fp64 ? "#define LOSSCAPE_REAL double\n#define LOSSCAPE_REAL2 dvec2\n"
                          : "#define LOSSCAPE_REAL float\n#define LOSSCAPE_REAL2 vec2\n";
  glsl += glsl_math_library(precision);
  // The gradients' zeros as a uniform no one sets (GL starts every uniform at 0): a constant 0
  // would let the GLSL compiler fold inf * 0 to 0 (Mesa does, precise or not), where the C++
  // gets NaN at f's singular points.
  glsl += "uniform LOSSCAPE_REAL losscape_zero;\n";
  glsl += "\nvoid losscape_cost(in LOSSCAPE_REAL2 p, out LOSSCAPE_REAL f, out LOSSCAPE_REAL2 g) {\n";
  glsl += program_body(source->program, source->parameters, precision);
  const std::string last = std::to_string(source->program.code.size() - 1);
  glsl += "  f = v" + last + ";\n  g = d" + last + ";\n}\n";
  return glsl;
}

}  // namespace losscape
