#include "session/file_listing.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace bs::app {

namespace {

bool isFolder(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

std::string extensionOf(const std::string& name) {
  const size_t dot = name.rfind('.');
  return dot == std::string::npos ? "" : name.substr(dot);
}

}  // namespace

FileListing listFolderOf(const std::string& path, const std::vector<std::string>& extensions) {
  FileListing l;
  fs::path folder = path.empty() ? fs::path(".") : fs::path(path);
  if (!path.empty() && path.back() != '/' && !isFolder(folder)) folder = folder.parent_path();
  if (folder.empty()) folder = ".";
  l.folder = folder.string();
  std::error_code ec;
  l.shown = fs::absolute(folder, ec).lexically_normal().string();
  fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    l.error = l.folder + ": " + ec.message();
    return l;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    const bool dir = isFolder(it->path());
    if (!dir && !extensions.empty() && std::find(extensions.begin(), extensions.end(), extensionOf(name)) == extensions.end())
      continue;
    l.entries.push_back({name, dir});
  }
  std::sort(l.entries.begin(), l.entries.end(), [](const FileEntry& a, const FileEntry& b) {
    return a.folder != b.folder ? a.folder : a.name < b.name;
  });
  std::error_code rootEc;
  if (fs::weakly_canonical(folder, rootEc) != fs::path("/")) l.entries.insert(l.entries.begin(), {"..", true});
  return l;
}

std::string pathAfterClick(const FileListing& l, const FileEntry& e, const std::string& typed) {
  const fs::path folder(l.folder);
  if (!e.folder) return (l.folder == "." ? fs::path(e.name) : folder / e.name).string();
  const fs::path into = e.name == ".." ? fs::weakly_canonical(folder).parent_path() : folder / e.name;
  // Keep a file name typed for Save; a folder typed (or nothing) just moves on.
  const std::string file = !typed.empty() && typed.back() != '/' && !isFolder(typed) ? fs::path(typed).filename().string() : "";
  std::string out = (into / "").string();
  return out + file;
}

}  // namespace bs::app
