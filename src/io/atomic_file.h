// Every file the program writes (models, run CSVs, answer sheets, settings, PNGs) goes
// through here: the bytes go to a temporary file in the same folder, are flushed to
// disk, and only then renamed over the target, so a crash, a full disk or a kill
// half-way leaves the previous file as it was.
#pragma once
#include <string>

namespace bs::io {

// Writes `bytes` to `path` atomically, creating missing parent folders; a symlink is
// written through to its target, a replaced file keeps its mode, and a device or pipe
// (/dev/stdout) is written directly. Throws std::runtime_error naming the file and the
// system's reason; the temporary file is removed on failure.
void writeFileAtomically(const std::string& path, const std::string& bytes);

// Throws what writeFileAtomically would (PATH: is a directory; PATH: cannot write the
// file (Permission denied)) without touching the file: for outputs checked before a
// long run. Creates the missing parent folders, as the write would.
void checkWritable(const std::string& path);

}  // namespace bs::io
