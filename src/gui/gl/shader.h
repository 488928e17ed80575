// A GLSL program built from two files embedded from shaders/.
#pragma once
#include <stdexcept>
#include <string>

#include "gui/gl/gl.h"

namespace bs::app::gl {

// A shader that is missing or does not compile; the message holds the GL log.
struct ShaderError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ShaderProgram {
 public:
  // Paths as embedded, e.g. "shaders/heatmap.vert"; with `dir`, the files of those
  // names in that folder instead (to try shader edits without rebuilding). Throws ShaderError.
  ShaderProgram(const std::string& vertPath, const std::string& fragPath, const std::string& dir = "");
  ~ShaderProgram();
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  void use() const { glUseProgram(id_); }
  GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }
  GLuint id() const { return id_; }

 private:
  GLuint id_ = 0;
};

}  // namespace bs::app::gl
