// Writes what the current read framebuffer holds as a PNG.
#pragma once
#include <string>

namespace bs::app::gl {

// Reads the width x height pixels whose bottom-left corner is (x, y) (GL's convention)
// from the bound framebuffer and writes them to `path` as PNG, atomically
// (io::writeFileAtomically). Returns an error message, or "" on success.
std::string writePng(const std::string& path, int x, int y, int width, int height);
inline std::string writePng(const std::string& path, int width, int height) { return writePng(path, 0, 0, width, height); }

}  // namespace bs::app::gl
