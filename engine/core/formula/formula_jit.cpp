#include "engine/core/formula/formula_jit.hpp"

#include "engine/core/one_line.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <string>

namespace losscape::formula {

namespace {
constexpr std::array<JitPath, 3> kPaths{JitPath::none, JitPath::avx2, JitPath::avx512};
}  // namespace

const char* jit_path_name(JitPath path) {
  switch (path) {
    case JitPath::avx2: return "avx2";
    case JitPath::avx512: return "avx512";
    default: return "0";
  }
}

JitPath best_jit_path() {
  if (jit::cpu_runs_avx512()) return JitPath::avx512;
  if (jit::cpu_runs_avx2()) return JitPath::avx2;
  return JitPath::none;
}

Result<JitPath> parse_jit_path(const char* value, JitPath best) {
  if (value == nullptr || *value == '\0') return best;
  const auto named = std::find_if(kPaths.begin(), kPaths.end(),
                                  [&](JitPath path) { return std::strcmp(value, jit_path_name(path)) == 0; });
  const auto names = [](JitPath last) {
    std::string list;
    for (const JitPath path : kPaths) {
      if (path <= last) list += (list.empty() ? "" : ", ") + std::string(jit_path_name(path));
    }
    return list;
  };
  if (named == kPaths.end()) {
    return Error{"LOSSCAPE_JIT '" + one_line(value) + "' is not a formula JIT path (valid: " + names(JitPath::avx512) +
                 ")"};
  }
  if (*named > best) {
    return Error{"LOSSCAPE_JIT '" + one_line(value) +
                 "' is more than this CPU or build can run (valid here: " + names(best) + ")"};
  }
  return *named;
}

const Result<JitPath>& jit_path() {
  static const Result<JitPath> path = parse_jit_path(std::getenv("LOSSCAPE_JIT"), best_jit_path());
  return path;
}

JitKernel::JitKernel(JitPath path, jit::LaneProgram lanes, std::unique_ptr<jit::MachineCode> code)
    : path_(path), lanes_(std::move(lanes)), code_(std::move(code)) {}

JitKernel::~JitKernel() = default;

std::unique_ptr<const JitKernel> JitKernel::compile(const Program& program, JitPath path) {
  if (path == JitPath::none) return nullptr;
  auto lanes = jit::lower(program);
  if (!lanes) return nullptr;
  auto code = jit::emit_x86(*lanes, path == JitPath::avx512 ? 8 : 4);
  if (!code) return nullptr;
  return std::unique_ptr<const JitKernel>(new JitKernel(path, std::move(*lanes), std::move(code)));
}

std::size_t JitKernel::code_bytes() const { return code_->bytes(); }
std::size_t JitKernel::spill_slots() const { return code_->spill_slots(); }

jit::Table JitKernel::table(const std::vector<double>& parameters) const {
  return jit::fill_table(lanes_, parameters, width());
}

void JitKernel::evaluate(const jit::Table& table, const double* x, const double* y, std::size_t n, double* f,
                         double* gx, double* gy) const {
  const std::size_t w = width(), vectors = n / w;
  code_->run({x, y, f, gx, gy, table.data(), vectors});
  // The last few points through one padded vector (the padding repeats the last point).
  const std::size_t done = vectors * w, rest = n - done;
  if (rest == 0) return;
  std::array<double, 8> tx, ty, tf, tgx, tgy;  // written before they are read
  for (std::size_t k = 0; k < w; ++k) {
    const std::size_t i = done + std::min(k, rest - 1);
    tx[k] = x[i], ty[k] = y[i];
  }
  code_->run({tx.data(), ty.data(), tf.data(), tgx.data(), tgy.data(), table.data(), 1});
  std::copy_n(tf.begin(), rest, f + done);
  std::copy_n(tgx.begin(), rest, gx + done);
  std::copy_n(tgy.begin(), rest, gy + done);
}

}  // namespace losscape::formula
