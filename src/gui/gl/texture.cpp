#include "gui/gl/texture.h"

#include <utility>

namespace bs::app::gl {

namespace {
GLuint make(int w, int h, GLint internal, GLenum format, GLenum type, const void* data) {
  GLuint id = 0;
  glGenTextures(1, &id);
  glBindTexture(GL_TEXTURE_2D, id);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, internal, w, h, 0, format, type, data);
  // Nearest: heatmap cells stay crisp squares when zoomed.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return id;
}
}  // namespace

Texture::~Texture() {
  if (id_) glDeleteTextures(1, &id_);
}

Texture::Texture(Texture&& o) noexcept : id_(std::exchange(o.id_, 0)), w_(o.w_), h_(o.h_) {}

Texture& Texture::operator=(Texture&& o) noexcept {
  if (this != &o) {
    if (id_) glDeleteTextures(1, &id_);
    id_ = std::exchange(o.id_, 0);
    w_ = o.w_;
    h_ = o.h_;
  }
  return *this;
}

Texture Texture::floats(int width, int height, const std::vector<float>& data) {
  Texture t;
  t.id_ = make(width, height, GL_R32F, GL_RED, GL_FLOAT, data.data());
  t.w_ = width;
  t.h_ = height;
  return t;
}

Texture Texture::rgba(int width, int height) {
  Texture t;
  t.id_ = make(width, height, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  t.w_ = width;
  t.h_ = height;
  return t;
}

}  // namespace bs::app::gl
