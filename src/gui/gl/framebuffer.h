// An offscreen framebuffer with one RGBA colour texture: heatmaps are rendered into
// one, and --screenshot renders the whole window into one of the requested size.
#pragma once
#include <stdexcept>

#include "gui/gl/texture.h"

namespace bs::app::gl {

class Framebuffer {
 public:
  // Throws std::runtime_error if the driver cannot make it.
  Framebuffer(int width, int height);
  ~Framebuffer();
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;

  void bind() const;            // draw into it (sets the viewport)
  static void bindDefault();    // back to the window
  const Texture& colour() const { return colour_; }
  int width() const { return colour_.width(); }
  int height() const { return colour_.height(); }

 private:
  GLuint fbo_ = 0;
  Texture colour_;
};

}  // namespace bs::app::gl
