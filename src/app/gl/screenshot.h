// Writes what the current read framebuffer holds as a PNG.
#pragma once
#include <string>

namespace bs::app::gl {

// Reads width x height pixels from (0, 0) of the bound framebuffer and writes them to
// `path` (through a temporary name, then renamed). Returns an error message, or "" on success.
std::string writePng(const std::string& path, int width, int height);

}  // namespace bs::app::gl
