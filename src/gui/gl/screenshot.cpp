#include "gui/gl/screenshot.h"

#include <stb_image_write.h>  // the implementation is inside libstb.so

#include <stdexcept>
#include <vector>

#include "gui/gl/gl.h"
#include "io/atomic_file.h"

namespace bs::app::gl {

std::string writePng(const std::string& path, int x, int y, int width, int height) {
  std::vector<unsigned char> pixels(size_t(width) * size_t(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(x, y, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // the window is opaque
  std::string png;
  stbi_flip_vertically_on_write(1);  // GL rows go bottom-up
  const auto append = [](void* out, void* data, int size) { static_cast<std::string*>(out)->append(static_cast<char*>(data), size_t(size)); };
  if (!stbi_write_png_to_func(append, &png, width, height, 4, pixels.data(), width * 4)) return path + ": cannot encode the PNG";
  try {
    io::writeFileAtomically(path, png);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace bs::app::gl
