// What the file browser of the Open and Save popups lists: the folder of the path being
// typed, its folders first, then its files, by name; hidden entries left out. No window
// code, so it is tested with a temporary folder.
#pragma once
#include <string>
#include <vector>

namespace bs::app {

struct FileEntry {
  std::string name;
  bool folder = false;
};

struct FileListing {
  std::string folder;              // the folder listed ("." for a bare file name)
  std::string shown;               // the same, absolute, for the eye
  std::vector<FileEntry> entries;  // ".." first unless at the root
  std::string error;               // why it could not be listed, or ""
};

// The folder of `path`: path itself if it is a folder (or ends with '/'), else its
// parent. `extensions` (".bsg", ...) keep only those files; empty keeps all.
FileListing listFolderOf(const std::string& path, const std::vector<std::string>& extensions = {});

// The path after a click on `e` in `l`: a folder is entered (the file name typed so far
// is kept, for Save), a file is chosen.
std::string pathAfterClick(const FileListing& l, const FileEntry& e, const std::string& typed);

}  // namespace bs::app
