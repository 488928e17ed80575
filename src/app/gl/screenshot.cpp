#include "app/gl/screenshot.h"

#include <stb_image_write.h>  // the implementation is inside libstb.so

#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

#include "app/gl/gl.h"

namespace bs::app::gl {

std::string writePng(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(size_t(width) * size_t(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // the window is opaque
  const std::string tmp = path + ".tmp";
  stbi_flip_vertically_on_write(1);  // GL rows go bottom-up
  if (!stbi_write_png(tmp.c_str(), width, height, 4, pixels.data(), width * 4)) {
    std::remove(tmp.c_str());
    return path + ": cannot write the PNG";
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return path + ": " + ec.message();
  }
  return "";
}

}  // namespace bs::app::gl
