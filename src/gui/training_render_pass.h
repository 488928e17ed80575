// One full-screen triangle drawn with a shader into an offscreen framebuffer (the
// training views' images), leaving ImGui's framebuffer, viewport and program as they
// were. The vertex shader is shaders/heatmap.vert, which needs no vertex buffer.
#pragma once
#include "gui/gl/framebuffer.h"
#include "gui/gl/shader.h"

namespace bs::app {

// `bind` sets the program's textures and uniforms (the program is in use then).
template <class Bind> void renderPass(const gl::ShaderProgram& program, const gl::Framebuffer& target, GLuint vao, Bind&& bind) {
  GLint previousFb = 0, viewport[4] = {};
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFb);
  glGetIntegerv(GL_VIEWPORT, viewport);
  target.bind();
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  program.use();
  bind();
  glBindVertexArray(vao);  // core profile: a VAO must be bound even with no attributes
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glActiveTexture(GL_TEXTURE0);
  glUseProgram(0);
  glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previousFb));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
}

}  // namespace bs::app
