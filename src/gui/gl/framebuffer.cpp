#include "gui/gl/framebuffer.h"

#include <string>

namespace bs::app::gl {

Framebuffer::Framebuffer(int width, int height) : colour_(Texture::rgba(width, height)) {
  glGenFramebuffers(1, &fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour_.id(), 0);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (status != GL_FRAMEBUFFER_COMPLETE) {
    glDeleteFramebuffers(1, &fbo_);
    throw std::runtime_error("cannot make a " + std::to_string(width) + "x" + std::to_string(height) +
                             " framebuffer (status " + std::to_string(status) + ")");
  }
}

Framebuffer::~Framebuffer() { glDeleteFramebuffers(1, &fbo_); }

void Framebuffer::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, width(), height());
}

void Framebuffer::bindDefault() { glBindFramebuffer(GL_FRAMEBUFFER, 0); }

}  // namespace bs::app::gl
