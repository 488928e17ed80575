#include "gui/gl/shader.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "assets/embedded.h"

namespace bs::app::gl {

namespace {

std::string infoLog(GLuint obj, bool program) {
  GLint len = 0;
  program ? glGetProgramiv(obj, GL_INFO_LOG_LENGTH, &len) : glGetShaderiv(obj, GL_INFO_LOG_LENGTH, &len);
  std::vector<char> log(size_t(std::max(len, 1)), '\0');
  program ? glGetProgramInfoLog(obj, len, nullptr, log.data()) : glGetShaderInfoLog(obj, len, nullptr, log.data());
  return log.data();
}

std::string source(const std::string& path, const std::string& dir) {
  if (dir.empty()) {
    auto src = embeddedFile(path);
    if (!src) throw ShaderError(path + ": not embedded in the program (is it in shaders/?)");
    return std::string(*src);
  }
  const std::string file = dir + "/" + std::filesystem::path(path).filename().string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ShaderError(file + ": cannot open the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

GLuint compile(GLenum type, const std::string& path, const std::string& dir) {
  const std::string src = source(path, dir);
  GLuint s = glCreateShader(type);
  const char* text = src.data();
  const GLint len = GLint(src.size());
  glShaderSource(s, 1, &text, &len);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    std::string log = infoLog(s, false);
    glDeleteShader(s);
    throw ShaderError(path + ": does not compile: " + log);
  }
  return s;
}

}  // namespace

ShaderProgram::ShaderProgram(const std::string& vertPath, const std::string& fragPath, const std::string& dir) {
  GLuint v = compile(GL_VERTEX_SHADER, vertPath, dir);
  GLuint f = 0;
  try {
    f = compile(GL_FRAGMENT_SHADER, fragPath, dir);
  } catch (...) {
    glDeleteShader(v);
    throw;
  }
  id_ = glCreateProgram();
  glAttachShader(id_, v);
  glAttachShader(id_, f);
  glLinkProgram(id_);
  glDeleteShader(v);
  glDeleteShader(f);
  GLint ok = 0;
  glGetProgramiv(id_, GL_LINK_STATUS, &ok);
  if (!ok) {
    std::string log = infoLog(id_, true);
    glDeleteProgram(id_);
    throw ShaderError(vertPath + " + " + fragPath + ": do not link: " + log);
  }
}

ShaderProgram::~ShaderProgram() { glDeleteProgram(id_); }

}  // namespace bs::app::gl
