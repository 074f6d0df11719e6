#include "engine/core/formula/formula_function.hpp"

#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/batch_evaluator.hpp"
#include "engine/core/one_line.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>

namespace losscape {

namespace {
std::uint64_t next_id() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}
}  // namespace

std::unique_ptr<FormulaFunction> FormulaFunction::create(const std::string& text, const Domain& domain,
                                                         formula::CompileError& error) {
  std::unique_ptr<FormulaFunction> f(new FormulaFunction());
  if (!formula::compile(text, f->compiled_, error)) return nullptr;
  f->text_ = text;
  f->domain_ = domain;
  f->id_ = next_id();
  const auto& path = formula::jit_path();
  f->use_jit_path(path ? *path : formula::JitPath::none);
  f->title_ = "f = " + (text.size() > 40 ? text.substr(0, 37) + "..." : text);
  return f;
}

double FormulaFunction::value(glm::dvec2 p) const {
  thread_local std::vector<double> registers;  // evaluation scratch, one per thread
  return formula::evaluate<double>(compiled_.program, p.x, p.y, compiled_.parameter_values, registers);
}

glm::dvec2 FormulaFunction::gradient(glm::dvec2 p) const {
  thread_local std::vector<ad::Dual1> registers;
  const ad::Dual1 r = formula::evaluate<ad::Dual1>(compiled_.program, p.x, p.y, compiled_.parameter_values, registers);
  return {r.gx, r.gy};
}

glm::dmat2 FormulaFunction::hessian(glm::dvec2 p) const {
  thread_local std::vector<ad::Dual2> registers;
  const ad::Dual2 r = formula::evaluate<ad::Dual2>(compiled_.program, p.x, p.y, compiled_.parameter_values, registers);
  return glm::dmat2(r.hxx, r.hxy, r.hxy, r.hyy);
}

void FormulaFunction::evaluate_batch(const double* x, const double* y, std::size_t n, double* f, double* gx,
                                     double* gy) const {
  if (jit_) {
    jit_->evaluate(jit_table_, x, y, n, f, gx, gy);
    return;
  }
  // One evaluator per thread, rebuilt when this thread meets another formula (ids are never
  // reused, unlike addresses).
  thread_local std::uint64_t cached_id = 0;
  thread_local std::unique_ptr<formula::BatchEvaluator> evaluator;
  if (cached_id != id_ || !evaluator) {
    evaluator = std::make_unique<formula::BatchEvaluator>(compiled_.program, compiled_.parameter_values);
    cached_id = id_;
  }
  evaluator->evaluate(x, y, n, f, gx, gy);
}

void FormulaFunction::use_jit_path(formula::JitPath path) {
  jit_ = formula::JitKernel::compile(compiled_.program, path);
  jit_table_ = jit_ ? jit_->table(compiled_.parameter_values) : formula::jit::Table{};
}

bool FormulaFunction::set_parameter(const std::string& name, double value) {
  const auto& names = compiled_.program.parameter_names;
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return false;
  compiled_.parameter_values[static_cast<std::size_t>(it - names.begin())] = value;
  id_ = next_id();  // cached batch evaluators hold the old values
  if (jit_) jit_table_ = jit_->table(compiled_.parameter_values);
  return true;
}

std::vector<std::pair<std::string, double>> FormulaFunction::parameters() const {
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t i = 0; i < parameter_names().size(); ++i)
    out.emplace_back(parameter_names()[i], parameter_values()[i]);
  return out;
}

Error unknown_function(const std::string& name) {
  std::string names;
  for (const auto& n : builtin_function_names()) names += (names.empty() ? "" : ", ") + n;
  return Error{"unknown function '" + one_line(name) + "' (valid: " + names + ", or a formula in x and y)"};
}

Result<std::unique_ptr<CostFunction>> make_cost_function(const std::string& text, const Domain* domain) {
  if (auto builtin = make_builtin_function(text)) return builtin;
  auto formula = make_formula_function(text, domain);
  if (!formula) return Error{formula.error()};
  return std::move(*formula);
}

Result<std::unique_ptr<FormulaFunction>> make_formula_function(const std::string& text, const Domain* domain) {
  // A bare word is meant as a name, not a formula in one unknown variable.
  const bool bare_word = !text.empty() && (std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_') &&
                         std::all_of(text.begin(), text.end(),
                                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }) &&
                         text != "x" && text != "y";
  if (bare_word) return unknown_function(text);
  formula::CompileError compile_error;
  auto f = FormulaFunction::create(text, domain ? *domain : Domain{-5.0, 5.0, -5.0, 5.0}, compile_error);
  if (!f) {
    return Error{"formula '" + one_line(text) + "': " + compile_error.message};
  }
  return f;
}

}  // namespace losscape
