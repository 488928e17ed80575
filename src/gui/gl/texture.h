// An OpenGL 2D texture, owned.
#pragma once
#include <vector>

#include "gui/gl/gl.h"

namespace bs::app::gl {

class Texture {
 public:
  Texture() = default;
  ~Texture();
  Texture(Texture&& o) noexcept;
  Texture& operator=(Texture&& o) noexcept;
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;

  // One float per texel, row by row, `height` rows of `width` (nearest filtering).
  static Texture floats(int width, int height, const std::vector<float>& data);
  // An empty RGBA8 image to render into.
  static Texture rgba(int width, int height);

  GLuint id() const { return id_; }
  int width() const { return w_; }
  int height() const { return h_; }

 private:
  GLuint id_ = 0;
  int w_ = 0, h_ = 0;
};

}  // namespace bs::app::gl
