#include "engine/render/shader.hpp"

#include "engine/scene/data_paths.hpp"

#include <glm/gtc/type_ptr.hpp>

#include <fstream>
#include <sstream>

namespace losscape {
namespace fs = std::filesystem;

namespace {

// Appends `file` to `out`, expanding #include "x" lines; records every file read in `sources`.
Status read_source(const fs::path& file, std::string& out,
                   std::vector<std::pair<fs::path, fs::file_time_type>>& sources, int depth = 0) {
  std::ifstream in(file);
  if (!in || depth > 8) return Error{"cannot read shader file " + file.string()};
  std::error_code ec;
  sources.emplace_back(file, fs::last_write_time(file, ec));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto pos = line.find("#include");
    if (pos != std::string::npos && line.find_first_not_of(" \t") == pos) {
      const auto open = line.find('"'), close = line.rfind('"');
      if (open == std::string::npos || close <= open) {
        return Error{file.string() + ":" + std::to_string(number) + ": malformed #include"};
      }
      const fs::path included = file.parent_path() / line.substr(open + 1, close - open - 1);
      if (Status read = read_source(included, out, sources, depth + 1); !read) return read;
      continue;
    }
    out += line;
    out += '\n';
  }
  return {};
}

// The first line of a shader's or program's info log (the rest is usually repetition).
template <typename GetLog>
std::string first_log_line(GLuint id, GetLog get_log) {
  char log[2048] = {};
  get_log(id, sizeof log, nullptr, log);
  std::string message = log;
  if (auto nl = message.find('\n'); nl != std::string::npos) message.resize(nl);
  return message;
}

// The compiled shader's name, or the compiler's first complaint.
Result<GLuint> compile(GLenum type, const std::string& source, const std::string& name) {
  GLuint shader = glCreateShader(type);
  const char* text = source.c_str();
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    Error error{"shader " + name + " failed to compile: " + first_log_line(shader, glGetShaderInfoLog)};
    glDeleteShader(shader);
    return error;
  }
  return shader;
}

}  // namespace

Result<gl::Program> single_stage_program(GLenum stage, const std::string& source, const std::string& name) {
  const auto shader = compile(stage, source, name);
  if (!shader) return Error{shader.error()};
  gl::Program program(glCreateProgram());
  glAttachShader(program.id(), *shader);
  glLinkProgram(program.id());
  glDeleteShader(*shader);
  GLint ok = 0;
  glGetProgramiv(program.id(), GL_LINK_STATUS, &ok);
  if (!ok) return Error{"shader " + name + " failed to link: " + first_log_line(program.id(), glGetProgramInfoLog)};
  return program;
}

ShaderProgram::ShaderProgram(std::string vertex_file, std::string fragment_file, std::string defines)
    : vertex_file_(std::move(vertex_file)), fragment_file_(std::move(fragment_file)), defines_(std::move(defines)) {}

Status ShaderProgram::load() {
  std::string vertex_source, fragment_source;
  std::vector<std::pair<fs::path, fs::file_time_type>> sources;
  const fs::path dir = shader_directory();
  if (Status read = read_source(dir / vertex_file_, vertex_source, sources); !read) return read;
  if (Status read = read_source(dir / fragment_file_, fragment_source, sources); !read) return read;
  sources_ = sources;  // even a failed compile is not retried until the files change again
  for (std::string* source : {&vertex_source, &fragment_source}) {
    // This build's #version (which must come first) in place of the files' own, then the defines;
    // a file edited to another version keeps it (the desktop, while the program runs).
    const std::size_t after_version = source->find('\n') + 1;
    if (source->compare(0, after_version, "#version 330 core\n") == 0) {
      source->replace(0, after_version, std::string(kGlslVersion) + "\n" + kGlslPrecision + defines_);
    } else {
      source->insert(after_version, defines_);
    }
  }
  const auto vs = compile(GL_VERTEX_SHADER, vertex_source, vertex_file_);
  if (!vs) return Error{vs.error()};
  const auto fsh = compile(GL_FRAGMENT_SHADER, fragment_source, fragment_file_);
  if (!fsh) {
    glDeleteShader(*vs);
    return Error{fsh.error()};
  }
  GLuint program = glCreateProgram();
  glAttachShader(program, *vs);
  glAttachShader(program, *fsh);
  glLinkProgram(program);
  glDeleteShader(*vs);
  glDeleteShader(*fsh);
  GLint ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    Error error{"shader program " + vertex_file_ + " + " + fragment_file_ +
                " failed to link: " + first_log_line(program, glGetProgramInfoLog)};
    glDeleteProgram(program);
    return error;
  }
  program_ = gl::Program(program);
  return {};
}

bool ShaderProgram::changed_on_disk() const {
  std::error_code ec;
  for (const auto& [path, time] : sources_) {
    if (fs::last_write_time(path, ec) != time) return true;
  }
  return false;
}

Status ShaderProgram::reload_if_changed() { return changed_on_disk() ? load() : Status(); }

void ShaderProgram::use() const { glUseProgram(program_.id()); }
GLint ShaderProgram::uniform(const char* name) const { return glGetUniformLocation(program_.id(), name); }
void ShaderProgram::set(const char* name, float v) const { glUniform1f(uniform(name), v); }
void ShaderProgram::set(const char* name, int v) const { glUniform1i(uniform(name), v); }
void ShaderProgram::set(const char* name, const glm::vec2& v) const { glUniform2f(uniform(name), v.x, v.y); }
void ShaderProgram::set(const char* name, const glm::vec3& v) const {
  glUniform3fv(uniform(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const char* name, const glm::vec4& v) const {
  glUniform4fv(uniform(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const char* name, const glm::mat4& m) const {
  glUniformMatrix4fv(uniform(name), 1, GL_FALSE, glm::value_ptr(m));
}
void ShaderProgram::set(const char* name, const glm::mat3& m) const {
  glUniformMatrix3fv(uniform(name), 1, GL_FALSE, glm::value_ptr(m));
}

}  // namespace losscape
