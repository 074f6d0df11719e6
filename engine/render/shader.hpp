#pragma once
// GLSL programs loaded from files in shaders/ at run time. `#include "file.glsl"` lines are
// expanded (one lighting model, one colour map, shared by every shader). A program that fails
// to compile on reload keeps the last good one and reports the error instead.
#include "engine/core/result.hpp"
#include "engine/render/gl_resources.hpp"

#include <glm/glm.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace losscape {

// The GLSL version line of this build's GL. The files in shaders/ are written for GLSL 3.30 core
// (their first line says so); in a browser, WebGL2, they are compiled as GLSL ES 3.00 with high
// precision everywhere, as on the desktop: load() puts this in place of their first line (and
// ImGui's backend gets the same version).
#ifdef __EMSCRIPTEN__
inline constexpr const char* kGlslVersion = "#version 300 es";
inline constexpr const char* kGlslPrecision =
    "precision highp float;\nprecision highp int;\nprecision highp sampler2D;\n";
#else
inline constexpr const char* kGlslVersion = "#version 330 core";
inline constexpr const char* kGlslPrecision = "";
#endif

// A program of one stage (a compute shader) from source text, or the compiler's first complaint
// naming `name`.
Result<gl::Program> single_stage_program(GLenum stage, const std::string& source, const std::string& name);

class ShaderProgram {
 public:
  // `defines` ("#define NAME VALUE" lines) go right after each stage's #version line: one set
  // of files can make several programs, each specialised when it is compiled.
  ShaderProgram(std::string vertex_file, std::string fragment_file, std::string defines = {});

  // Compile and link from disk. Returns an empty string on success, else a one-line error
  // naming the file and the compiler's message; on error the previous program stays in use.
  Status load();
  // Reload if any source file (includes too) changed on disk since the last load.
  // Returns an error message when a changed file failed to compile, else empty.
  Status reload_if_changed();
  bool changed_on_disk() const;  // any source file (includes too) since the last load
  bool valid() const { return static_cast<bool>(program_); }

  void use() const;
  GLint uniform(const char* name) const;
  void set(const char* name, float v) const;
  void set(const char* name, int v) const;
  void set(const char* name, const glm::vec2& v) const;
  void set(const char* name, const glm::vec3& v) const;
  void set(const char* name, const glm::vec4& v) const;
  void set(const char* name, const glm::mat4& m) const;
  void set(const char* name, const glm::mat3& m) const;

 private:
  std::string vertex_file_, fragment_file_, defines_;
  gl::Program program_;
  std::vector<std::pair<std::filesystem::path, std::filesystem::file_time_type>> sources_;
};

}  // namespace losscape
