#include "engine/core/formula/compiler.hpp"

#include "engine/core/formula/derivative_rules.hpp"

#include "engine/core/one_line.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>
#include <optional>

namespace losscape::formula {
namespace {

constexpr std::size_t kMaxLength = 20000;  // characters
constexpr int kMaxDepth = 200;             // nesting: a hostile formula cannot blow the stack

struct FunctionInfo {
  const char* name;
  Op op;
  int arity;
};

const FunctionInfo kFunctions[] = {
    {"sin", Op::sin, 1},     {"cos", Op::cos, 1},   {"tan", Op::tan, 1},     {"asin", Op::asin, 1},
    {"acos", Op::acos, 1},   {"atan", Op::atan, 1}, {"atan2", Op::atan2, 2}, {"sinh", Op::sinh, 1},
    {"cosh", Op::cosh, 1},   {"tanh", Op::tanh, 1}, {"exp", Op::exp, 1},     {"log", Op::log, 1},
    {"log10", Op::log10, 1}, {"log2", Op::log2, 1}, {"sqrt", Op::sqrt, 1},   {"abs", Op::abs, 1},
    {"min", Op::min, 2},     {"max", Op::max, 2},   {"pow", Op::pow, 2},
};

const FunctionInfo* find_function(const std::string& name) {
  for (const auto& f : kFunctions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

struct Token {
  enum Kind { number, identifier, symbol, end } kind = end;
  std::string text;
  double value = 0.0;
  int column = 0;
};

class Compiler {
 public:
  Compiler(const std::string& text, Compiled& out) : text_(text), out_(out) {}

  bool run(CompileError& error) {
    try {
      if (text_.size() > kMaxLength)
        fail("the formula is longer than " + std::to_string(kMaxLength) + " characters", 0);
      const std::size_t body_end = find_where();
      if (body_end != text_.size()) parse_where(body_end);
      end_ = body_end;
      pos_ = 0;
      next();
      if (token_.kind == Token::end) fail("the formula is empty", 0);
      const int result = expression(0);
      if (token_.kind != Token::end) unexpected();
      // The result must be the last instruction.
      if (static_cast<std::size_t>(result) != out_.program.code.size() - 1) emit({Op::add, result, emit_constant(0.0)});
      return true;
    } catch (const CompileError& e) {
      error = e;
      return false;
    }
  }

 private:
  // "MESSAGE at column N SUFFIX": the column right after what went wrong, any hint after it.
  [[noreturn]] void fail(const std::string& message, int column, const std::string& suffix = "") {
    // one_line: the message may quote a character of the formula, a tab or a control byte.
    throw CompileError{one_line((column > 0 ? message + " at column " + std::to_string(column) : message) + suffix),
                       column};
  }
  [[noreturn]] void unexpected() {
    if (token_.kind == Token::end) fail("unexpected end of formula", token_.column);
    fail("unexpected '" + token_.text + "'", token_.column);
  }

  // --- the where clause: "where a = 1, b = -2.5" ---------------------------------------------
  std::size_t find_where() const {
    for (std::size_t i = 0; i + 5 <= text_.size(); ++i) {
      const bool starts = i == 0 || !(std::isalnum(static_cast<unsigned char>(text_[i - 1])) || text_[i - 1] == '_');
      const bool ends =
          i + 5 == text_.size() || !(std::isalnum(static_cast<unsigned char>(text_[i + 5])) || text_[i + 5] == '_');
      if (starts && ends && text_.compare(i, 5, "where") == 0) return i;
    }
    return text_.size();
  }

  void parse_where(std::size_t where) {
    end_ = text_.size();
    pos_ = where + 5;
    next();
    for (;;) {
      if (token_.kind != Token::identifier) fail("expected a parameter name after 'where'", token_.column);
      const std::string name = token_.text;
      const int column = token_.column;
      if (name == "x" || name == "y" || name == "pi" || name == "e" || find_function(name)) {
        fail("'" + name + "' cannot be a parameter name", column);
      }
      if (std::find(out_.program.parameter_names.begin(), out_.program.parameter_names.end(), name) !=
          out_.program.parameter_names.end()) {
        fail("parameter '" + name + "' is declared twice", column);
      }
      next();
      if (!(token_.kind == Token::symbol && token_.text == "="))
        fail("expected '=' after '" + name + "'", token_.column);
      next();
      double sign = 1.0;
      if (token_.kind == Token::symbol && (token_.text == "-" || token_.text == "+")) {
        sign = token_.text == "-" ? -1.0 : 1.0;
        next();
      }
      if (token_.kind != Token::number) fail("expected a number for '" + name + "'", token_.column);
      out_.program.parameter_names.push_back(name);
      out_.parameter_values.push_back(sign * token_.value);
      next();
      if (token_.kind == Token::end) break;
      if (!(token_.kind == Token::symbol && token_.text == ",")) fail("expected ',' between parameters", token_.column);
      next();
    }
  }

  // --- tokens --------------------------------------------------------------------------------
  void next() {
    while (pos_ < end_ && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    token_ = Token{};
    token_.column = static_cast<int>(pos_) + 1;
    if (pos_ >= end_) return;
    const char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && pos_ + 1 < end_ && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
      const std::size_t start = pos_;
      while (pos_ < end_ && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) ++pos_;
      if (pos_ < end_ && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
        std::size_t p = pos_ + 1;
        if (p < end_ && (text_[p] == '+' || text_[p] == '-')) ++p;
        if (p < end_ && std::isdigit(static_cast<unsigned char>(text_[p]))) {
          pos_ = p;
          while (pos_ < end_ && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
        }
      }
      token_.kind = Token::number;
      token_.text = text_.substr(start, pos_ - start);
      std::size_t used = 0;
      try {
        token_.value = std::stod(token_.text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != token_.text.size() || !std::isfinite(token_.value))
        fail("malformed number '" + token_.text + "'", token_.column);
      // "2x" is a common slip: say what to write.
      if (pos_ < end_ && (std::isalpha(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '(')) {
        std::size_t word_end = pos_ + 1;
        while (word_end < end_ && std::isalnum(static_cast<unsigned char>(text_[word_end]))) ++word_end;
        const std::string word = text_[pos_] == '(' ? "(" : text_.substr(pos_, word_end - pos_);
        fail("expected an operator after '" + token_.text + "'", static_cast<int>(pos_) + 1,
             " (write " + token_.text + "*" + word + ", not " + token_.text + word + ")");
      }
      return;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      const std::size_t start = pos_;
      while (pos_ < end_ && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
      token_.kind = Token::identifier;
      token_.text = text_.substr(start, pos_ - start);
      return;
    }
    if (std::string("+-*/^(),=").find(c) != std::string::npos) {
      token_.kind = Token::symbol;
      token_.text = std::string(1, c);
      ++pos_;
      return;
    }
    token_.text = std::isprint(static_cast<unsigned char>(c)) ? std::string(1, c) : "\\x" + hex(c);
    fail("unexpected character '" + token_.text + "'", token_.column);
  }

  static std::string hex(char c) {
    const char* digits = "0123456789abcdef";
    const auto u = static_cast<unsigned char>(c);
    return {digits[u >> 4], digits[u & 15]};
  }

  bool is_symbol(const char* s) const { return token_.kind == Token::symbol && token_.text == s; }

  // --- emitting, with constant folding ----------------------------------------------------------
  int emit(Instruction in) {
    auto& code = out_.program.code;
    const auto is_const = [&](int i) { return i >= 0 && code[static_cast<std::size_t>(i)].op == Op::constant; };
    const bool foldable = in.op != Op::constant && in.op != Op::x && in.op != Op::y && in.op != Op::parameter &&
                          is_const(in.a) && (in.b < 0 || is_const(in.b));
    if (foldable) {
      // Evaluate the tiny program {a, b, op} now and keep only the result.
      Program tiny;
      tiny.code.push_back(code[static_cast<std::size_t>(in.a)]);
      Instruction op = in;
      op.a = 0;
      if (in.b >= 0) {
        tiny.code.push_back(code[static_cast<std::size_t>(in.b)]);
        op.b = 1;
      }
      tiny.code.push_back(op);
      std::vector<double> registers;
      const double v = evaluate<double>(tiny, 0.0, 0.0, {}, registers);
      // Operands that only fed this operation are dropped again.
      const int lowest = std::min(in.a, in.b < 0 ? in.a : in.b);
      if (static_cast<std::size_t>(std::max(in.a, in.b)) == code.size() - 1 &&
          static_cast<std::size_t>(lowest) >= code.size() - (in.b >= 0 ? 2 : 1)) {
        code.resize(static_cast<std::size_t>(lowest));
      }
      return emit_constant(v);
    }
    // The same operation on the same operands was computed already (x twice in Himmelblau):
    // reuse it. Linear search is fine: formulas are short, and compiling happens once.
    for (std::size_t i = 0; i < code.size(); ++i) {
      const Instruction& c = code[i];
      if (c.op == in.op && c.a == in.a && c.b == in.b && c.parameter == in.parameter &&
          (c.constant == in.constant || (std::isnan(c.constant) && std::isnan(in.constant)))) {
        return static_cast<int>(i);
      }
    }
    if (code.size() >= 100000) fail("the formula is too large", token_.column);
    code.push_back(in);
    return static_cast<int>(code.size()) - 1;
  }

  int emit_constant(double v) {
    Instruction in;
    in.op = Op::constant;
    in.constant = v;
    out_.program.code.push_back(in);
    return static_cast<int>(out_.program.code.size()) - 1;
  }

  // --- grammar -----------------------------------------------------------------------------------
  // expression := term (('+' | '-') term)*
  int expression(int depth) {
    if (depth > kMaxDepth) fail("the formula is nested too deeply", token_.column);
    int left = term(depth);
    while (is_symbol("+") || is_symbol("-")) {
      const Op op = token_.text == "+" ? Op::add : Op::sub;
      next();
      left = emit({op, left, term(depth)});
    }
    return left;
  }

  // term := unary (('*' | '/') unary)*
  int term(int depth) {
    int left = unary(depth);
    for (;;) {
      if (is_symbol("*") || is_symbol("/")) {
        const Op op = token_.text == "*" ? Op::mul : Op::div;
        next();
        left = emit({op, left, unary(depth)});
      } else if (token_.kind == Token::identifier || token_.kind == Token::number || is_symbol("(")) {
        // "2 x", "x y", "(x+1)(x-1)": multiplication must be written.
        fail("expected an operator before '" + token_.text + "'", token_.column, " (write * to multiply)");
      } else {
        return left;
      }
    }
  }

  // unary := ('-' | '+') unary | power
  int unary(int depth) {
    if (depth > kMaxDepth) fail("the formula is nested too deeply", token_.column);
    if (is_symbol("-")) {
      next();
      return emit({Op::neg, unary(depth + 1)});
    }
    if (is_symbol("+")) {
      next();
      return unary(depth + 1);
    }
    return power(depth);
  }

  // power := primary ('^' unary)?      right-associative: 2^3^2 = 2^(3^2); -x^2 = -(x^2)
  int power(int depth) {
    const int base = primary(depth);
    if (!is_symbol("^")) return base;
    next();
    const int exponent = unary(depth + 1);
    return emit_power(base, exponent);
  }

  int emit_power(int base, int exponent) {
    const Instruction& e = out_.program.code[static_cast<std::size_t>(exponent)];
    if (e.op == Op::constant) {
      const double c = e.constant;
      // The exponent lives in the instruction instead.
      if (static_cast<std::size_t>(exponent) == out_.program.code.size() - 1) out_.program.code.pop_back();
      Instruction in{std::abs(c - std::round(c)) == 0.0 && std::abs(c) <= 64 ? Op::pow_int : Op::pow_real, base};
      in.constant = c;
      return emit(in);
    }
    return emit({Op::pow, base, exponent});
  }

  // primary := number | pi | e | x | y | parameter | function '(' arguments ')' | '(' expression ')'
  int primary(int depth) {
    if (token_.kind == Token::number) {
      const int i = emit_constant(token_.value);
      next();
      return i;
    }
    if (is_symbol("(")) {
      const int open_column = token_.column;  // named in the message if the ')' is missing
      next();
      const int inner = expression(depth + 1);
      if (!is_symbol(")"))
        fail("expected ')'", token_.column, " to close the '(' at column " + std::to_string(open_column));
      next();
      return inner;
    }
    if (token_.kind != Token::identifier) unexpected();
    const std::string name = token_.text;
    const int column = token_.column;
    next();
    if (is_symbol("(")) {
      const FunctionInfo* f = find_function(name);
      if (!f) fail("unknown function '" + name + "'", column);
      next();
      std::vector<int> args;
      if (!is_symbol(")")) {
        args.push_back(expression(depth + 1));
        while (is_symbol(",")) {
          next();
          args.push_back(expression(depth + 1));
        }
      }
      if (!is_symbol(")")) fail("expected ')'", token_.column);
      next();
      if (static_cast<int>(args.size()) != f->arity) {
        fail("'" + name + "' takes " + std::to_string(f->arity) + " argument" + (f->arity == 1 ? "" : "s") + ", got " +
                 std::to_string(args.size()),
             column);
      }
      if (f->op == Op::pow) return emit_power(args[0], args[1]);
      return emit({f->op, args[0], f->arity == 2 ? args[1] : -1});
    }
    if (name == "x") return emit({Op::x});
    if (name == "y") return emit({Op::y});
    if (name == "pi") return emit_constant(std::numbers::pi);
    if (name == "e") return emit_constant(std::numbers::e);
    const auto& names = out_.program.parameter_names;
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) {
      Instruction in{Op::parameter};
      in.parameter = static_cast<int>(it - names.begin());
      return emit(in);
    }
    if (find_function(name)) fail("'" + name + "' is a function: write " + name + "(...)", column);
    fail("unknown variable '" + name + "'", column, " (use x, y or a declared parameter)");
  }

  const std::string& text_;
  Compiled& out_;
  std::size_t pos_ = 0, end_ = 0;
  Token token_;
};

}  // namespace

const std::vector<std::string>& function_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : kFunctions) out.emplace_back(f.name);
    return out;
  }();
  return names;
}

bool compile(const std::string& text, Compiled& out, CompileError& error) {
  out = Compiled{};
  Compiler compiler(text, out);
  return compiler.run(error);
}

Derivatives elementary(Op op, double u, double c) {
  const UnaryRule<double> r = unary_rule(op, u, c, StdMath{});
  return {r.f0, r.f1, r.f2};
}

}  // namespace losscape::formula
