// Every file the program reads whole (graphs, answer sheets, presets, models, run
// CSVs, settings) comes through here, so a folder, a FIFO, a device, a missing file or a
// huge file is refused with the same clear message before anything is read.
#pragma once
#include <cstdint>
#include <string>

namespace bs::io {

// Reads the regular file `path` of at most `limit` bytes. `kind` names what the file
// should be, with its article ("a graph file"). Throws std::runtime_error:
//   PATH: cannot open the file (No such file or directory)
//   PATH: is a directory, not KIND   (likewise a named pipe (FIFO), a device, a socket)
//   PATH: the file has N bytes; KIND may have at most LIMIT
std::string readFile(const std::string& path, std::uintmax_t limit, const std::string& kind);

}  // namespace bs::io
