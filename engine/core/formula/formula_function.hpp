#pragma once
// A typed formula as a CostFunction: value, exact gradient and exact Hessian by forward-mode
// automatic differentiation of the compiled program (never finite differences).
#include "engine/core/cost_function.hpp"
#include "engine/core/formula/compiler.hpp"
#include "engine/core/formula/formula_jit.hpp"
#include "engine/core/result.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace losscape {

class FormulaFunction final : public CostFunction {
 public:
  // nullptr with `error` set when the text does not compile.
  static std::unique_ptr<FormulaFunction> create(const std::string& text, const Domain& domain,
                                                 formula::CompileError& error);

  double value(glm::dvec2 p) const override;
  glm::dvec2 gradient(glm::dvec2 p) const override;
  glm::dmat2 hessian(glm::dvec2 p) const override;
  void evaluate_batch(const double* x, const double* y, std::size_t n, double* f, double* gx,
                      double* gy) const override;
  const std::string& name() const override { return name_; }
  const std::string& title() const override { return title_; }
  const std::string& formula() const override { return text_; }
  Domain domain() const override { return domain_; }
  std::vector<std::pair<std::string, double>> parameters() const override;

  const formula::Program& program() const { return compiled_.program; }
  const std::vector<std::string>& parameter_names() const { return compiled_.program.parameter_names; }
  const std::vector<double>& parameter_values() const { return compiled_.parameter_values; }
  // False when there is no such parameter. Not while another thread evaluates: it replaces the
  // table the machine code reads (a scene sets parameters once, as the function is made; an edit
  // in the window makes a new function).
  bool set_parameter(const std::string& name, double value);
  // The machine code evaluate_batch() runs, or nullptr where the interpreter does (formula_jit.hpp).
  const formula::JitKernel* jit_kernel() const { return jit_.get(); }
  formula::JitPath jit_path() const { return jit_ ? jit_->path() : formula::JitPath::none; }
  // Compiles it again for `path` (none: the interpreter), whatever LOSSCAPE_JIT says: for tests
  // and side-by-side benchmarks. Not while another thread evaluates.
  void use_jit_path(formula::JitPath path);

 private:
  FormulaFunction() = default;
  formula::Compiled compiled_;
  std::uint64_t id_ = 0;  // unique per object and parameter change: keys the batch evaluator cache
  std::shared_ptr<const formula::JitKernel> jit_;  // immutable: shared by every thread
  formula::jit::Table jit_table_;                  // its constants and the parameters' values
  std::string text_, name_ = "formula", title_;
  Domain domain_;
};

// A formula's text, or a built-in's name, to a cost function: tries the built-ins first.
// Or what was wrong and where.
Result<std::unique_ptr<CostFunction>> make_cost_function(const std::string& name_or_formula, const Domain* domain);
// "unknown function 'NAME' (valid: every built-in, or a formula in x and y)".
Error unknown_function(const std::string& name);
// A formula's text alone (a scene that says it is one): as above without the built-ins, so a
// bare word is an unknown function's name.
Result<std::unique_ptr<FormulaFunction>> make_formula_function(const std::string& text, const Domain* domain);

}  // namespace losscape
